package meshonboarder.mesh;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import meshonboarder.cluster.IpFamily;
import meshonboarder.cluster.MeshNames;
import meshonboarder.errors.InvalidInput;
import meshonboarder.json.Json;
import meshonboarder.reconcile.InMemoryMesh;
import meshonboarder.settings.MeshMode;
import meshonboarder.settings.MeshSettings;
import org.junit.jupiter.api.Test;

class ResolveMemberServiceTest {

    private static final MeshSettings SETTINGS = new MeshSettings("istio-mesh", "istio-network",
            MeshMode.MULTI_NETWORK, "istio-mesh", "us-east-1", List.of("us-east-1"));

    // the member's record outlives its EKS cluster: DeleteCluster's event arrives once the cluster is gone
    private final InMemoryMesh mesh = new InMemoryMesh().recordOnly(member("mesh1", "eks-2"));
    private final ResolveMemberService service = new ResolveMemberService(mesh, SETTINGS);

    @Test
    void lookup_whenADeleteClusterEventNamesAMember_findsItsRecordWithoutAskingEks() throws Exception {
        MemberLookup lookup = service.lookup(json("""
                {"detail-type": "AWS API Call via CloudTrail", "source": "aws.eks", "region": "us-east-1",
                 "detail": {"eventSource": "eks.amazonaws.com", "eventName": "DeleteCluster", "awsRegion": "us-east-1",
                            "requestParameters": {"name": "eks-2"}}}"""));

        assertThat(lookup.found()).isTrue();
        assertThat(lookup.member()).isEqualTo(member("mesh1", "eks-2"));
    }

    /**
     * A member account's DeleteCluster, forwarded with its account: its record is under its mesh name, and the hub's
     * member of the same EKS name and region is not the one deleted.
     */
    @Test
    void lookup_whenAMemberAccountsDeleteClusterIsForwarded_findsItsRecordUnderItsMeshNameOnly() throws Exception {
        String meshName = MeshNames.ofAnotherAccount("444455556666", "us-east-1", "eks-2");
        Member foreign = new Member("mesh1", meshName, "us-east-1", "arn:aws:eks:us-east-1:444455556666:cluster/eks-2",
                IpFamily.IPV6, "net-x");
        mesh.recordOnly(foreign);
        String event = """
                {"detail-type": "AWS API Call via CloudTrail", "source": "aws.eks", "region": "us-east-1",
                 "account": "%s",
                 "detail": {"eventSource": "eks.amazonaws.com", "eventName": "DeleteCluster", "awsRegion": "us-east-1",
                            "requestParameters": {"name": "eks-2"}}}""";

        assertThat(service.lookup(json(event.formatted("444455556666"))).member()).isEqualTo(foreign);
        assertThat(service.lookup(json(event.formatted("123456789012"))).member()).isEqualTo(member("mesh1", "eks-2"));
        assertThat(service.lookup(json(event.formatted("777788889999"))).found()).isFalse();
    }

    @Test
    void lookup_whenByHandWithoutRegion_takesTheControllersRegion() throws Exception {
        MemberLookup lookup = service.lookup(json("{\"clusterName\": \"eks-2\"}"));

        assertThat(lookup.found()).isTrue();
        assertThat(lookup.region()).isEqualTo("us-east-1");
    }

    @Test
    void lookup_whenNoMember_endsQuietlyWithTheReason() throws Exception {
        MemberLookup lookup = service.lookup(json("{\"clusterName\": \"eks-9\", \"region\": \"us-east-1\"}"));

        assertThat(lookup.found()).isFalse();
        assertThat(lookup.message()).isEqualTo("Cluster 'eks-9' in us-east-1 is not a member of any mesh: there is "
                + "nothing to offboard.");
    }

    @Test
    void lookup_whenTheEventIsNotDeleteCluster_refusesItByName() throws Exception {
        JsonNode create = json("""
                {"detail": {"eventSource": "eks.amazonaws.com", "eventName": "CreateCluster",
                            "requestParameters": {"name": "eks-2"}}}""");

        assertThatThrownBy(() -> service.lookup(create)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("eventName 'CreateCluster'");
    }

    @Test
    void lookup_whenTheNameOrRegionIsNotValid_saysWhatToStartWith() throws Exception {
        assertThatThrownBy(() -> service.lookup(json("{\"clusterName\": \"no spaces\"}")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("no valid clusterName");
        assertThatThrownBy(() -> service.lookup(json("{\"clusterName\": \"eks-2\", \"region\": \"moon-1\"}")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("region 'moon-1' is not valid");
        assertThatThrownBy(() -> service.lookup(json("[]"))).isInstanceOf(InvalidInput.class);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
