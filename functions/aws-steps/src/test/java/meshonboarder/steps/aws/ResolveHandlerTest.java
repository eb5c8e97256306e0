package meshonboarder.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import meshonboarder.aws.MotoOrganization;
import meshonboarder.errors.ClusterNotAdmitted;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.IstioReleaseKnownBad;
import meshonboarder.errors.MeshMismatch;
import meshonboarder.errors.NotAMeshCluster;
import meshonboarder.errors.OrganizationalUnitUnknown;
import meshonboarder.testing.Events;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoEks;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.eks.model.IpFamily;

/** Resolve against EKS on a moto server, over real HTTP. */
class ResolveHandlerTest {

    // moto's account is the hub's, as template.yaml gives Resolve AWS::AccountId
    private final ResolveHandler handler = new ResolveHandler(MotoServer.wiring(Map.of("HUB_ACCOUNT_ID", "123456789012")));

    @Test
    void resolve_whenManualInputForTaggedIpv4Cluster_returnsClusterRecord() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1", "istio-network", "net-a"));

        JsonNode cluster = Lambdas.invoke(handler, "{\"clusterName\": \"" + name + "\"}");

        assertThat(cluster.path("clusterName").asText()).isEqualTo(name);
        assertThat(cluster.path("region").asText()).isEqualTo("us-east-1");
        assertThat(cluster.path("account").asText()).isEqualTo("123456789012");
        assertThat(cluster.path("meshId").asText()).isEqualTo("mesh1");
        assertThat(cluster.path("ipFamily").asText()).isEqualTo("ipv4");
        assertThat(cluster.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(cluster.path("clusterArn").asText()).endsWith(":cluster/" + name);
        assertThat(cluster.path("endpoint").asText()).startsWith("https://");
        assertThat(cluster.path("network").asText()).isEqualTo("net-a");
        // the CA and anything secret stay out of the execution state
        assertThat(cluster.has("certificateAuthority")).isFalse();
    }

    @Test
    void resolve_whenCreateClusterEventForIpv6Cluster_returnsIpv6ClusterWithNetworkTag() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV6, Map.of("istio-mesh", "mesh1", "istio-network", "net-b"));

        JsonNode cluster = Lambdas.invoke(handler, Events.about("create-cluster-tagged.json", name, "us-east-1"));

        assertThat(cluster.path("clusterName").asText()).isEqualTo(name);
        assertThat(cluster.path("ipFamily").asText()).isEqualTo("ipv6");
        assertThat(cluster.path("network").asText()).isEqualTo("net-b");
        assertThat(cluster.path("meshId").asText()).isEqualTo("mesh1");
    }

    @Test
    void resolve_whenTagResourceEventInAnotherRegion_readsTheClusterThere() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "eu-west-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1", "istio-network", "net-a"));

        JsonNode cluster = Lambdas.invoke(handler, Events.about("tag-resource-mesh.json", name, "eu-west-1"));

        assertThat(cluster.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(cluster.path("clusterArn").asText()).contains(":eu-west-1:");
    }

    /**
     * Each documented form of the CloudTrail records (where each comes from: src/test/resources/events/SOURCES.md):
     * CreateCluster with requestParameters.clusterName, TagResource with a URL-encoded resourceArn.
     */
    @ParameterizedTest
    @ValueSource(strings = {"create-cluster-tagged-clustername.json",
            "tag-resource-mesh-encoded.json"})
    void resolve_whenEventInAnotherDocumentedForm_readsTheSameCluster(String file) {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "eu-west-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1", "istio-network", "net-a"));

        JsonNode cluster = Lambdas.invoke(handler, Events.about(file, name, "eu-west-1"));

        assertThat(cluster.path("clusterName").asText()).isEqualTo(name);
        assertThat(cluster.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(cluster.path("meshId").asText()).isEqualTo("mesh1");
    }

    @Test
    void resolve_whenManualInputWithMatchingMeshAndNetwork_acceptsIt() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1"));

        JsonNode cluster = Lambdas.invoke(handler, "{\"clusterName\": \"" + name
                + "\", \"region\": \"us-east-1\", \"meshId\": \"mesh1\", \"network\": \"net-a\"}");

        assertThat(cluster.path("network").asText()).isEqualTo("net-a");
    }

    @Test
    void resolve_whenNoNetworkTagInputOrVpc_failsWithInvalidInput() {
        // moto's clusters have no VPC id (real EKS always has one): nothing names the network
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1"));

        assertThatThrownBy(() -> Lambdas.invoke(handler, "{\"clusterName\": \"" + name + "\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("istio-network");
    }

    @Test
    void resolve_whenClusterNameMissing_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler, "{\"region\": \"us-east-1\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("no clusterName");
    }

    @Test
    void resolve_whenInputIsNotJson_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler, "clusterName=eks-1"))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void resolve_whenClusterNameIsInvalid_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler, "{\"clusterName\": \"-no spaces\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("clusterName");
    }

    /** Resolve only reads: a known-bad IstioVersion stops the onboarding before any step writes (issue 23). */
    @Test
    void resolve_whenIstioVersionIsAKnownBadRelease_failsWithIstioReleaseKnownBad() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1", "istio-network", "net-a"));
        ResolveHandler onBadIstio = new ResolveHandler(MotoServer.wiring(Map.of("ISTIO_VERSION", "1.30.3")));

        assertThatThrownBy(() -> Lambdas.invoke(onBadIstio, "{\"clusterName\": \"" + name + "\"}"))
                .isInstanceOf(IstioReleaseKnownBad.class)
                .hasMessageContaining("Resolve refused it before any write")
                .hasMessageContaining("Set IstioVersion to 1.30.4 or newer");
    }

    @Test
    void resolve_whenClusterUnknown_failsWithClusterNotFound() {
        String name = MotoServer.unique("missing");

        assertThatThrownBy(() -> Lambdas.invoke(handler, "{\"clusterName\": \"" + name + "\"}"))
                .isInstanceOf(ClusterNotFound.class).hasMessageContaining(name).hasMessageContaining("us-east-1");
    }

    @Test
    void resolve_whenClusterHasNoMeshTag_failsWithNotAMeshCluster() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("team", "platform"));

        assertThatThrownBy(() -> Lambdas.invoke(handler, "{\"clusterName\": \"" + name + "\"}"))
                .isInstanceOf(NotAMeshCluster.class).hasMessageContaining("istio-mesh");
    }

    @Test
    void resolve_whenMeshIdDisagreesWithTag_failsWithMeshMismatch() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh2"));

        assertThatThrownBy(() -> Lambdas.invoke(handler, "{\"clusterName\": \"" + name + "\", \"meshId\": \"mesh1\"}"))
                .isInstanceOf(MeshMismatch.class).hasMessageContaining("mesh2").hasMessageContaining("mesh1");
    }

    @Test
    void resolve_whenNetworkDisagreesWithTag_failsWithMeshMismatch() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1", "istio-network", "net-a"));

        assertThatThrownBy(() -> Lambdas.invoke(handler, "{\"clusterName\": \"" + name + "\", \"network\": \"net-b\"}"))
                .isInstanceOf(MeshMismatch.class);
    }

    @Test
    void resolve_whenEventIsMalformed_failsWithInvalidInput() {
        ObjectNode event = Events.load("create-cluster-tagged.json");
        ((ObjectNode) event.get("detail").get("requestParameters")).remove("name");

        assertThatThrownBy(() -> Lambdas.invoke(handler, event)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("requestParameters.name");
    }

    @Test
    void resolve_whenEventIsOfAnotherService_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler, Events.load("ecs-create-cluster-tagged.json")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("not an EKS CloudTrail event");
    }

    @Test
    void resolve_whenEventIsDeleteCluster_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler, Events.load("delete-cluster.json")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("DeleteCluster");
    }

    @Test
    void resolve_whenTagResourceTagsANodegroup_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler, Events.load("tag-resource-nodegroup.json")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("does not tag an EKS cluster");
    }
    /** A member account's forwarded TagResource: the default join policy admits the hub's account only. */
    @Test
    void resolve_whenEventForwardedFromAnotherAccount_refusesWithClusterNotAdmitted() {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1", "istio-network", "n1"));
        ObjectNode event = Events.about("tag-resource-mesh.json", name, "us-east-1");
        event.put("account", "444455556666");

        assertThatThrownBy(() -> Lambdas.invoke(handler, event))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("account 444455556666 is not among its accounts [123456789012]");
    }

    @Test
    void resolve_whenJoinPolicyRequiresATagTheClusterLacks_refusesNamingTheTag() {
        ResolveHandler strict = new ResolveHandler(MotoServer.wiring(Map.of("HUB_ACCOUNT_ID", "123456789012",
                "JOIN_POLICIES", "{\"mesh1\": {\"requiredTags\": {\"env\": \"prod\"}, \"maxMembers\": 50}}")));
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1", "istio-network", "n1"));

        assertThatThrownBy(() -> Lambdas.invoke(strict, "{\"clusterName\": \"" + name + "\"}"))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("requiredTags ask for env=prod, which the cluster lacks");
    }

    /** A join policy that names a unit: moto's Organizations says which unit the account is in (ListParents). */
    private static ResolveHandler byUnit(String unit, String organizationsRole) {
        Map<String, String> env = new HashMap<>(Map.of("HUB_ACCOUNT_ID", "123456789012",
                "JOIN_POLICIES", "{\"mesh1\": {\"organizationalUnits\": [\"" + unit + "\"]}}"));
        if (organizationsRole != null) {
            env.put("ORGANIZATIONS_ROLE_ARN", organizationsRole);
        }
        return new ResolveHandler(MotoServer.wiring(env));
    }

    private static String clusterIn(String account) {
        String name = MotoServer.unique("eks");
        MotoEks.createCluster(account, name, "us-east-1", IpFamily.IPV4, Map.of("istio-mesh", "mesh1",
                "istio-network", "n1"));
        return "{\"clusterName\": \"" + name + "\", \"account\": \"" + account + "\", \"meshId\": \"mesh1\"}";
    }

    @Test
    void resolve_whenTheAccountIsInAUnitThePolicyNames_admitsIt() {
        MotoOrganization organization = MotoOrganization.create();
        String unit = organization.unit("prod");
        String account = organization.accountIn(unit);

        JsonNode cluster = Lambdas.invoke(byUnit(unit, organization.readerRoleArn()), clusterIn(account));

        assertThat(cluster.path("account").asText()).isEqualTo(account);
    }

    @Test
    void resolve_whenTheAccountSitsAtTheRoot_refusesWithClusterNotAdmitted() {
        MotoOrganization organization = MotoOrganization.create();
        String unit = organization.unit("prod");
        String account = organization.account();

        assertThatThrownBy(() -> Lambdas.invoke(byUnit(unit, organization.readerRoleArn()), clusterIn(account)))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("its organizational unit is none (it sits at the organization's root), so not "
                        + "among [" + unit + "]");
    }

    /** Without OrganizationsRoleArn the hub asks itself, and moto's hub account is in no organization. */
    @Test
    void resolve_whenTheHubIsInNoOrganizationAndNoRoleIsSet_failsWithOrganizationalUnitUnknown() {
        MotoOrganization organization = MotoOrganization.create();
        String unit = organization.unit("prod");
        String account = organization.accountIn(unit);

        assertThatThrownBy(() -> Lambdas.invoke(byUnit(unit, null), clusterIn(account)))
                .isInstanceOf(OrganizationalUnitUnknown.class)
                .hasMessageContaining("AWSOrganizationsNotInUseException");
    }
}
