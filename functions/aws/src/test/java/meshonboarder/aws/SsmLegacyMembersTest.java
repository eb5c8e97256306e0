package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import meshonboarder.cluster.IpFamily;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MembershipCarryOver;
import meshonboarder.testing.MeshTables;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The one-time carry-over of a stack's SSM membership records into the mesh table, on moto's SSM and DynamoDB. */
class SsmLegacyMembersTest {

    private final AwsClients aws = MotoServer.aws();
    private final String prefix = MotoServer.unique("prefix");
    private final String mesh = MotoServer.unique("mesh");
    private final SsmLegacyMembers legacy = new SsmLegacyMembers(aws, prefix);
    private final DynamoMeshMembers table = new DynamoMeshMembers(aws.dynamoDb(), MeshTables.ensure());
    private final MembershipCarryOver carryOver = new MembershipCarryOver(legacy, table);

    private Member member(String name, String region) {
        return new Member(mesh, name, region, "arn:aws:eks:" + region + ":123456789012:cluster/" + name, IpFamily.IPV4,
                "net-" + name);
    }

    /** As RegisterMember wrote a member before the table: one String parameter of the record's JSON. */
    private void recordedInSsm(Member member) throws JsonProcessingException {
        String value = Json.MAPPER.writeValueAsString(member);
        aws.ssm().putParameter(r -> r.name(legacy.parameterName(mesh, member.region(), member.clusterName()))
                .value(value).type(ParameterType.STRING));
    }

    @Test
    void carryOver_whenAStackHeldMembersInSsm_putsEveryOneInTheTableOnceAndEmptiesSsm() throws Exception {
        for (int i = 0; i < 12; i++) { // more than one page of GetParametersByPath (10 at most)
            recordedInSsm(member("eks-" + i, MotoServer.REGION));
        }

        assertThat(carryOver.carryOver()).isEqualTo(12);

        assertThat(table.list(mesh)).hasSize(12).contains(member("eks-11", MotoServer.REGION));
        assertThat(legacy.all()).isEmpty();
        assertThat(carryOver.carryOver()).isZero();
    }

    @Test
    void carryOver_whenTheTableAlreadyHoldsTheName_keepsTheTablesRecordAndLosesNoOther() throws Exception {
        Member newer = new Member(mesh, "eks-1", MotoServer.REGION, member("eks-1", MotoServer.REGION).clusterArn(),
                IpFamily.IPV6, "net-new");
        table.register(newer);
        recordedInSsm(member("eks-1", MotoServer.REGION));
        Member rival = member("eks-2", "eu-west-1");
        table.register(member("eks-2", MotoServer.REGION));
        recordedInSsm(rival);

        carryOver.carryOver();

        assertThat(table.list(mesh)).containsExactlyInAnyOrder(newer, member("eks-2", MotoServer.REGION));
        // another cluster holds eks-2's name in the mesh: its SSM record is kept for an operator
        assertThat(legacy.all()).containsExactly(rival);
    }
}
