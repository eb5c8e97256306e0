package meshonboarder.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.reconcile.InMemoryMesh;
import org.junit.jupiter.api.Test;

class RegisterMemberServiceTest {

    @Test
    void register_whenCalledTwice_recordsTheClusterAsOneMemberRecord() {
        InMemoryMesh mesh = new InMemoryMesh();
        Cluster cluster = new Cluster("eks-2", "us-east-1", "mesh1", "network2",
                "arn:aws:eks:us-east-1:123456789012:cluster/eks-2", "ACTIVE", null, IpFamily.IPV6, "vpc-2", "1.33",
                "API", false);
        RegisterMemberService service = new RegisterMemberService(mesh);

        Member first = service.register(cluster, GatewayAddressType.DUALSTACK);
        Member second = service.register(cluster, GatewayAddressType.DUALSTACK);

        // with its gateway's address type, so that later onboardings need not visit it to know it
        assertThat(first).isEqualTo(second).isEqualTo(new Member("mesh1", "eks-2", "us-east-1",
                "arn:aws:eks:us-east-1:123456789012:cluster/eks-2", IpFamily.IPV6, "network2",
                GatewayAddressType.DUALSTACK));
        assertThat(mesh.list("mesh1")).containsExactly(first);
    }
}
