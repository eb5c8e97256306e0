package meshonboarder.discovery;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import meshonboarder.reconcile.InMemoryMesh;
import meshonboarder.reconcile.ReconcilePlan;
import meshonboarder.reconcile.ReconcileTrigger;
import meshonboarder.settings.MeshMode;
import meshonboarder.settings.MeshSettings;
import org.junit.jupiter.api.Test;

class DiscoverClustersServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Map<String, String> MESH1 = Map.of("istio-mesh", "mesh1");
    private static final MeshSettings SETTINGS = new MeshSettings("istio-mesh", "istio-network",
            MeshMode.MULTI_NETWORK, "istio-mesh", "us-east-1", List.of("us-east-1"));
    private static final Duration RETRY = Duration.ofHours(24);

    private final InMemoryMesh mesh = new InMemoryMesh();
    private final InMemoryOnboardingRecords records = new InMemoryOnboardingRecords();

    private static final String RUN = "arn:aws:states:us-east-1:123456789012:execution:ReconcileMesh:run-1";

    private Discovery discover(ReconcileTrigger trigger, String... meshes) {
        return discover(new ReconcilePlan(List.of(meshes), trigger));
    }

    private Discovery discover(ReconcilePlan plan) {
        return new DiscoverClustersService(mesh.eks(), mesh, records, SETTINGS, RETRY).discover(plan, RUN, NOW);
    }

    private static OnboardingRecord failed(String name, Instant at, String digest) {
        return new OnboardingRecord("us-east-1", name, "mesh1", null, null, OnboardingOutcome.FAILED,
                "LoadBalancerSubnetsWithoutIpv6", at, at, digest);
    }

    @Test
    void discover_whenTaggedClustersAreNoMembers_startsEachOnceAndSkipsMembersAndUntagged() {
        mesh.with(member("mesh1", "eks-1"), MESH1).cluster("eks-2", "ACTIVE", MESH1)
                .cluster("eks-new", "CREATING", Map.of("istio-mesh", "mesh2")).cluster("plain", "ACTIVE", Map.of());

        Discovery discovery = discover(ReconcileTrigger.SCHEDULE, "mesh1");

        assertThat(discovery.meshes()).extracting(MeshDiscovery::meshId).containsExactly("mesh1", "mesh2");
        assertThat(discovery.meshes().get(0).discovered()).containsExactly(new ClusterRef("eks-2", "us-east-1"));
        // a mesh with no member yet is found too; a creating cluster is left to the onboarding's own wait
        assertThat(discovery.meshes().get(1).discovered()).containsExactly(new ClusterRef("eks-new", "us-east-1"));
        // members are not described again: CheckMembership reads them
        assertThat(discovery.described()).isEqualTo(3);
        assertThat(discovery.start()).containsExactly(new Discovery.Start("eks-2", "us-east-1", "mesh1"),
                new Discovery.Start("eks-new", "us-east-1", "mesh2"));
    }

    @Test
    void discover_whenAnOnboardingHoldsTheCluster_reportsItAsOnboardingAndStartsNothing() {
        mesh.cluster("eks-2", "ACTIVE", MESH1);
        records.claim("us-east-1", "eks-2", "mesh1", "arn:exec:1", NOW.minusSeconds(60), NOW.plusSeconds(3600), "d");

        MeshDiscovery found = discover(ReconcileTrigger.SCHEDULE).meshes().get(0);

        assertThat(found.discovered()).isEmpty();
        assertThat(found.onboarding()).containsExactly(new ClusterRef("eks-2", "us-east-1"));
    }

    @Test
    void discover_whenLastOnboardingFailedWithinTheRetryPeriod_reportsItWithItsErrorUntilPeriodOrTagsChange() {
        mesh.cluster("eks-2", "ACTIVE", MESH1);
        records.put(failed("eks-2", NOW.minus(Duration.ofHours(2)), TagsDigest.of(MESH1)));

        MeshDiscovery found = discover(ReconcileTrigger.SCHEDULE).meshes().get(0);

        assertThat(found.discovered()).isEmpty();
        assertThat(found.notAdmitted()).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo(NotAdmittedReason.FAILED_RETRY_LATER);
            assertThat(n.lastError()).isEqualTo("LoadBalancerSubnetsWithoutIpv6");
            assertThat(n.retryAt()).isEqualTo(NOW.plus(Duration.ofHours(22)));
        });

        mesh.cluster("eks-2", "ACTIVE", Map.of("istio-mesh", "mesh1", "fixed", "subnets"));
        assertThat(discover(ReconcileTrigger.SCHEDULE).meshes().get(0).discovered())
                .as("a tag change retries at once").containsExactly(new ClusterRef("eks-2", "us-east-1"));
    }

    @Test
    void discover_whenTheRetryPeriodPassed_startsAgainAndCountsItOutsideForADay() {
        mesh.cluster("eks-2", "ACTIVE", MESH1);
        records.put(failed("eks-2", NOW.minus(Duration.ofHours(25)), TagsDigest.of(MESH1)));

        MeshDiscovery found = discover(ReconcileTrigger.SCHEDULE).meshes().get(0);

        assertThat(found.discovered()).containsExactly(new ClusterRef("eks-2", "us-east-1"));
        assertThat(found.outsideForADay()).isEqualTo(1);
    }

    @Test
    void discover_whenFailedBeforeItsClaim_waitsTheRetryPeriodWhateverTheTags() {
        mesh.cluster("eks-2", "ACTIVE", MESH1);
        records.put(failed("eks-2", NOW.minus(Duration.ofHours(1)), null));

        assertThat(discover(ReconcileTrigger.SCHEDULE).meshes().get(0).notAdmitted()).hasSize(1);
    }

    @Test
    void discover_whenStartedByHandForOneMesh_looksOnlyForThatMesh() {
        mesh.cluster("eks-2", "ACTIVE", MESH1).cluster("eks-3", "ACTIVE", Map.of("istio-mesh", "mesh2"));

        Discovery discovery = discover(ReconcileTrigger.MANUAL, "mesh1");

        assertThat(discovery.meshes()).extracting(MeshDiscovery::meshId).containsExactly("mesh1");
        assertThat(discovery.meshes().get(0).discovered()).extracting(ClusterRef::clusterName).containsExactly("eks-2");
    }

    @Test
    void discover_whenTheRunRepairsAnUntaggedMember_looksForNothing() {
        mesh.cluster("eks-2", "ACTIVE", MESH1);

        Discovery discovery = discover(ReconcileTrigger.UNTAG, "mesh1");

        assertThat(discovery.described()).isZero();
        assertThat(discovery.meshes()).containsExactly(MeshDiscovery.none("mesh1"));
    }

    @Test
    void discover_whenTheMeshTagIsNoMeshId_startsNothing() {
        mesh.cluster("eks-2", "ACTIVE", Map.of("istio-mesh", "not a mesh!"));

        assertThat(discover(ReconcileTrigger.SCHEDULE).meshes()).isEmpty();
    }

    @Test
    void discover_whenThePlanFansOut_handsEachMeshToAChildAndStillStartsTheOnboardings() {
        mesh.with(member("mesh1", "eks-1"), MESH1).cluster("eks-2", "ACTIVE", MESH1)
                .cluster("eks-new", "ACTIVE", Map.of("istio-mesh", "mesh.2"));

        Discovery discovery = discover(new ReconcilePlan(List.of("mesh1"), ReconcileTrigger.SCHEDULE, true, null));

        // the run reconciles no mesh itself: each is a child's, with the discovery the child's input carries
        assertThat(discovery.meshes()).isEmpty();
        assertThat(discovery.reconciles()).extracting(r -> r.discovery().meshId()).containsExactly("mesh.2", "mesh1");
        assertThat(discovery.reconciles().get(1).discovery().discovered())
                .containsExactly(new ClusterRef("eks-2", "us-east-1"));
        assertThat(discovery.start()).extracting(Discovery.Start::clusterName).containsExactly("eks-new", "eks-2");
        // a name per run and mesh, the same when computed again (a retried StartExecution starts no second child)
        assertThat(discovery.reconciles()).extracting(Discovery.Reconcile::name)
                .allMatch(name -> name.matches("[A-Za-z0-9_-]{1,80}"))
                .containsExactly(Discovery.Reconcile.name(RUN, "mesh.2"), Discovery.Reconcile.name(RUN, "mesh1"));
        assertThat(discovery.reconciles().get(1).name()).startsWith("mesh1-");
    }

    @Test
    void name_whenTheMeshIdIsAtItsLongest_staysWithinTheExecutionNameLimit() {
        String longest = "m" + ".".repeat(62);

        String name = Discovery.Reconcile.name(RUN, longest);

        // StartExecution API reference: 1 to 80 characters; only 0-9, A-Z, a-z, - and _ for logged executions
        assertThat(name).hasSize(Discovery.Reconcile.NAME_LIMIT).matches("[A-Za-z0-9_-]+");
        assertThat(name).isNotEqualTo(Discovery.Reconcile.name(RUN, "m" + "-".repeat(62)))
                .isNotEqualTo(Discovery.Reconcile.name(RUN + "2", longest));
    }

    @Test
    void discover_whenAChildCarriesItsMeshsDiscovery_listsNothingAndStartsNothing() {
        mesh.cluster("eks-2", "ACTIVE", MESH1);
        MeshDiscovery carried = new MeshDiscovery("mesh1", List.of(new ClusterRef("eks-2", "us-east-1")), List.of(),
                List.of(), 0);

        Discovery discovery = discover(new ReconcilePlan(List.of("mesh1"), ReconcileTrigger.SCHEDULE, false, carried));

        assertThat(discovery.meshes()).containsExactly(carried);
        assertThat(discovery.start()).isEmpty();
        assertThat(discovery.reconciles()).isEmpty();
        assertThat(discovery.described()).isZero();
    }
}
