package meshonboarder.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.errors.ClusterNotAdmitted;
import meshonboarder.join.Admission;
import meshonboarder.join.JoinPolicies;
import meshonboarder.join.OrganizationalUnits;
import meshonboarder.json.Json;
import meshonboarder.reconcile.InMemoryMesh;
import meshonboarder.settings.MeshMode;
import meshonboarder.settings.MeshSettings;
import meshonboarder.istio.IstioReleasePolicy;
import org.junit.jupiter.api.Test;

/** Resolve with the mesh's join policy: a cluster outside it is refused before anything is written. */
class ResolveServiceTest {

    private static final String HUB = "123456789012";
    private static final MeshSettings SETTINGS = new MeshSettings("istio-mesh", "istio-network",
            MeshMode.MULTI_NETWORK, "istio-mesh", "us-east-1", List.of("us-east-1"));

    private final InMemoryMesh mesh = new InMemoryMesh()
            .cluster("eks-1", "ACTIVE", Map.of("istio-mesh", "mesh1"))
            .cluster("eks-2", "ACTIVE", Map.of("istio-mesh", "mesh1", "env", "prod"));

    private ResolveService service(String policies, EksClusters eks) {
        return new ResolveService(eks, SETTINGS,
                new Admission(JoinPolicies.parse(HUB, policies), OrganizationalUnits.NONE, mesh),
                IstioReleasePolicy.DEFAULT_VERSION);
    }

    @Test
    void resolve_whenNoPolicyAndTheHubsCluster_resolvesAsBefore() {
        Cluster cluster = service("", mesh.eks()).resolve(Json.MAPPER.createObjectNode().put("clusterName", "eks-1"));

        assertThat(cluster.meshId()).isEqualTo("mesh1");
        // the account travels in $.cluster beside the region, from the cluster's ARN
        assertThat(cluster.account()).isEqualTo(HUB);
        assertThat(cluster.region()).isEqualTo("us-east-1");
    }

    @Test
    void resolve_whenClusterLacksARequiredTag_refusesWithClusterNotAdmittedAndWritesNothing() {
        ResolveService service = service("{\"mesh1\": {\"requiredTags\": {\"env\": \"prod\"}}}", mesh.eks());

        assertThatThrownBy(() -> service.resolve(Json.MAPPER.createObjectNode().put("clusterName", "eks-1")))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("requiredTags ask for env=prod");
        assertThat(service.resolve(Json.MAPPER.createObjectNode().put("clusterName", "eks-2")).clusterName())
                .isEqualTo("eks-2");
        assertThat(mesh.meshes()).isEmpty();
    }

    /**
     * A member account's forwarded event names a cluster of that account: the hub's own cluster of the same name
     * must not be described in its place. Refused before EKS is asked.
     */
    @Test
    void resolve_whenEventFromAnotherAccount_refusesBeforeEksIsAsked() {
        EksClusters unasked = new EksClusters() {
            @Override
            public Optional<EksCluster> describe(String region, String name) {
                throw new AssertionError("EKS asked for " + name);
            }

            @Override
            public List<String> list(String region) {
                throw new AssertionError("EKS asked");
            }
        };
        var input = Json.MAPPER.createObjectNode().put("clusterName", "eks-1").put("account", "444455556666");

        assertThatThrownBy(() -> service("", unasked).resolve(input.deepCopy().put("meshId", "mesh1")))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("account 444455556666 is not among its accounts [" + HUB + "]");
        assertThatThrownBy(() -> service("{\"*\": {\"accounts\": [\"*\"]}}", unasked).resolve(input))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("does not yet make its EKS calls in member accounts");
    }
}
