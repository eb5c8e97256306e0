package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import meshonboarder.mesh.Member;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class CheckMembershipServiceTest {

    private static final Map<String, String> MESH1 = Map.of("istio-mesh", "mesh1");

    @Test
    void check_whenEveryClusterExistsWithItsTag_keepsEveryMemberInNameOrder() {
        InMemoryMesh mesh = new InMemoryMesh().with(member("mesh1", "eks-2"), MESH1).with(member("mesh1", "eks-1"), MESH1);

        Membership membership = new CheckMembershipService(mesh, mesh.eks(), "istio-mesh").check("mesh1", 7);

        assertThat(membership.members()).extracting(Member::clusterName).containsExactly("eks-1", "eks-2");
        assertThat(membership.departed()).isEmpty();
        assertThat(membership.maxConcurrency()).isEqualTo(7);
    }

    @Test
    void check_whenClusterGoneOrDeleting_departsWithoutTouchingIt() {
        InMemoryMesh mesh = new InMemoryMesh().with(member("mesh1", "eks-1"), MESH1).recordOnly(member("mesh1", "eks-gone"))
                .recordOnly(member("mesh1", "eks-deleting")).cluster("eks-deleting", "DELETING", MESH1);

        Membership membership = new CheckMembershipService(mesh, mesh.eks(), "istio-mesh").check("mesh1", 10);

        assertThat(membership.members()).extracting(Member::clusterName).containsExactly("eks-1");
        assertThat(membership.departed()).extracting(d -> d.member().clusterName(), Departure::reason,
                        Departure::clusterExists)
                .containsExactlyInAnyOrder(
                        Tuple.tuple("eks-gone", DepartureReason.CLUSTER_DELETED, false),
                        Tuple.tuple("eks-deleting", DepartureReason.CLUSTER_DELETED, false));
    }

    @Test
    void check_whenMeshTagRemovedOrNamesAnotherMesh_departsAndCleansTheClusterToo() {
        InMemoryMesh mesh = new InMemoryMesh().with(member("mesh1", "eks-1"), MESH1)
                .with(member("mesh1", "eks-untagged"), Map.of("team", "a"))
                .with(member("mesh1", "eks-moved"), Map.of("istio-mesh", "mesh2"));

        Membership membership = new CheckMembershipService(mesh, mesh.eks(), "istio-mesh").check("mesh1", 10);

        assertThat(membership.members()).extracting(Member::clusterName).containsExactly("eks-1");
        assertThat(membership.departed()).allSatisfy(d -> {
            assertThat(d.reason()).isEqualTo(DepartureReason.MESH_TAG_REMOVED);
            assertThat(d.clusterExists()).isTrue();
        }).hasSize(2);
    }

    @Test
    void check_whenClusterIsUpdating_keepsIt() {
        InMemoryMesh mesh = new InMemoryMesh().with(member("mesh1", "eks-1"), MESH1);
        mesh.cluster("eks-1", "UPDATING", MESH1);

        assertThat(new CheckMembershipService(mesh, mesh.eks(), "istio-mesh").check("mesh1", 10).departed()).isEmpty();
    }

    /** A run removes at most DEPARTURES_PER_RUN departed members (the history quota); the rest leave in the next. */
    @Test
    void check_whenMoreDepartThanOneRunRemoves_defersTheRestByName() {
        InMemoryMesh mesh = new InMemoryMesh().with(member("mesh1", "eks-1"), MESH1);
        for (int i = 1; i <= ReconcileBounds.DEPARTURES_PER_RUN + 3; i++) {
            mesh.recordOnly(member("mesh1", "eks-gone-" + i));
        }

        Membership membership = new CheckMembershipService(mesh, mesh.eks(), "istio-mesh").check("mesh1", 10);

        assertThat(membership.departed()).extracting(d -> d.member().clusterName())
                .containsExactly("eks-gone-1", "eks-gone-2");
        assertThat(membership.deferred()).containsExactly("eks-gone-3", "eks-gone-4", "eks-gone-5");
        assertThat(membership.members()).extracting(Member::clusterName).containsExactly("eks-1");
    }
}
