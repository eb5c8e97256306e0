package meshonboarder.mesh;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import meshonboarder.reconcile.InMemoryMesh;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ListPeersServiceTest {

    private static final Map<String, String> MESH1 = Map.of("istio-mesh", "mesh1");

    @Test
    void peers_whenOtherMembersExist_listsEveryActiveOneButTheClusterItself() {
        InMemoryMesh mesh = new InMemoryMesh().with(member("mesh1", "eks-1"), MESH1).with(member("mesh1", "eks-2"), MESH1)
                .with(member("mesh2", "eks-9"), Map.of("istio-mesh", "mesh2"));

        Peers peers = new ListPeersService(mesh, mesh.eks()).peers("mesh1", "eks-2", "us-east-1", 4);

        assertThat(peers.peers()).extracting(Member::clusterName).containsExactly("eks-1");
        assertThat(peers.skipped()).isEmpty();
        assertThat(peers.maxConcurrency()).isEqualTo(4);
    }

    @Test
    void peers_whenAPeerIsGoneOrNotActive_skipsItWithTheReasonAndKeepsItsRecord() {
        InMemoryMesh mesh = new InMemoryMesh().with(member("mesh1", "eks-1"), MESH1)
                .recordOnly(member("mesh1", "eks-gone")).recordOnly(member("mesh1", "eks-new"))
                .cluster("eks-new", "CREATING", MESH1);

        Peers peers = new ListPeersService(mesh, mesh.eks()).peers("mesh1", "eks-3", "us-east-1", 10);

        assertThat(peers.peers()).extracting(Member::clusterName).containsExactly("eks-1");
        assertThat(peers.skipped()).extracting(Peers.Skipped::clusterName, Peers.Skipped::reason).containsExactly(
                Tuple.tuple("eks-gone",
                        "the EKS cluster no longer exists; OffboardCluster removes its membership"),
                Tuple.tuple("eks-new", "the EKS cluster is CREATING"));
        assertThat(mesh.list("mesh1")).hasSize(3);
    }
}
