package meshonboarder.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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
    private static final String MEMBER = "444455556666";
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
     * A member account's forwarded event names a cluster of that account, which an account outside the mesh's policy
     * is refused before EKS is asked; one inside it is described in its own account (the hub's cluster of the same
     * name must not be read in its place) and gets a name unique across accounts and regions.
     */
    @Test
    void resolve_whenEventFromAnotherAccount_describesItThereUnderAUniqueNameOrRefusesBeforeEksIsAsked() {
        List<String> asked = new ArrayList<>();
        EksClusters accounts = new EksClusters() {
            @Override
            public Optional<EksCluster> describe(String region, String name) {
                throw new AssertionError("a member's cluster described as the hub's: " + name);
            }

            @Override
            public Optional<EksCluster> describe(String account, String region, String eksName) {
                asked.add(account + "/" + region + "/" + eksName);
                return Optional.of(new EksCluster(eksName, region, "arn:aws:eks:" + region + ":" + account
                        + ":cluster/" + eksName, "ACTIVE", "https://x", "ca", IpFamily.IPV6, "vpc-1", List.of(),
                        "1.31", Map.of("istio-mesh", "mesh1"), "API", false));
            }

            @Override
            public List<String> list(String region) {
                throw new AssertionError("EKS asked");
            }
        };
        var input = Json.MAPPER.createObjectNode().put("clusterName", "eks-1").put("account", MEMBER)
                .put("region", "eu-west-1");

        assertThatThrownBy(() -> service("", accounts).resolve(input.deepCopy().put("meshId", "mesh1")))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("account " + MEMBER + " is not among its accounts [" + HUB + "]");
        assertThat(asked).isEmpty();

        Cluster cluster = service("{\"*\": {\"accounts\": [\"*\"]}}", accounts).resolve(input);

        assertThat(asked).containsExactly(MEMBER + "/eu-west-1/eks-1");
        assertThat(cluster.account()).isEqualTo(MEMBER);
        assertThat(cluster.region()).isEqualTo("eu-west-1");
        assertThat(cluster.clusterName()).isEqualTo(MeshNames.of(HUB, MEMBER, "eu-west-1", "eks-1"))
                .startsWith("eks-1-").isNotEqualTo("eks-1");
        assertThat(cluster.clusterArn()).endsWith(":cluster/eks-1");
    }
}
