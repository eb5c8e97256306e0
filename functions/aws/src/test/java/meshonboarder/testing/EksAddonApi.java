package meshonboarder.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.Wiring;
import meshonboarder.json.Json;
import meshonboarder.settings.Env;

/**
 * The EKS add-on API (DescribeAddon, UpdateAddon, DescribeUpdate) that moto lacks, stubbed on the AWS wire
 * protocol (REST-JSON) with WireMock. Every request without a stub goes on to the moto server, so one endpoint
 * serves a whole handler: EKS clusters, SSM, EC2 from moto, add-ons from here.
 */
public final class EksAddonApi implements AutoCloseable {

    private static final int STUB = 1;
    private static final int PROXY = 10;

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    public EksAddonApi() {
        server.start();
        server.stubFor(any(anyUrl()).atPriority(PROXY)
                .willReturn(aResponse().proxiedFrom(MotoServer.endpoint().toString())));
    }

    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** AWS clients of the test region pointed at this endpoint. */
    public AwsClients aws() {
        return new AwsClients(MotoServer.REGION, endpoint(), MotoServer.credentials());
    }

    /** A handler's wiring: the given environment (plus the region) and AWS clients pointed at this endpoint. */
    public Wiring wiring(Map<String, String> env) {
        Map<String, String> withRegion = new HashMap<>(env);
        withRegion.putIfAbsent("AWS_REGION", MotoServer.REGION);
        return new Wiring(new Env(withRegion), new AwsClients(withRegion.get("AWS_REGION"), endpoint(),
                MotoServer.credentials()));
    }

    /** DescribeAddon of {@code vpc-cni} answers with this add-on. */
    public void addon(String clusterName, String version, String configurationValues, String status) {
        ObjectNode addon = Json.MAPPER.createObjectNode().put("addonName", "vpc-cni").put("clusterName", clusterName)
                .put("status", status).put("addonVersion", version)
                .put("addonArn", "arn:aws:eks:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT + ":addon/" + clusterName
                        + "/vpc-cni/0000");
        if (configurationValues != null) {
            addon.put("configurationValues", configurationValues);
        }
        server.stubFor(get(urlPathEqualTo(addonPath(clusterName))).atPriority(STUB)
                .willReturn(json(200, Json.MAPPER.createObjectNode().set("addon", addon))));
    }

    /** DescribeAddon answers as EKS does for a cluster whose CNI is not a managed add-on. */
    public void noAddon(String clusterName) {
        server.stubFor(get(urlPathEqualTo(addonPath(clusterName))).atPriority(STUB)
                .willReturn(error(404, "ResourceNotFoundException", "No addon: vpc-cni found in cluster: " + clusterName)));
    }

    /** UpdateAddon is accepted and answers with {@code updateId}. */
    public void acceptUpdate(String clusterName, String updateId) {
        server.stubFor(post(urlPathEqualTo(addonPath(clusterName) + "/update")).atPriority(STUB)
                .willReturn(json(200, Json.MAPPER.createObjectNode().set("update", update(updateId, "InProgress")))));
    }

    /** DescribeUpdate answers with the update in {@code status}, with EKS's {@code errors} when it failed. */
    public void update(String clusterName, String updateId, String status, String... errors) {
        ObjectNode update = update(updateId, status);
        ArrayNode list = update.putArray("errors");
        for (String message : errors) {
            list.addObject().put("errorCode", "ConfigurationConflict").put("errorMessage", message);
        }
        server.stubFor(get(urlPathEqualTo("/clusters/" + clusterName + "/updates/" + updateId)).atPriority(STUB)
                .willReturn(json(200, Json.MAPPER.createObjectNode().set("update", update))));
    }

    /** DescribeCluster answers with this cluster, as EKS does for a cluster in which Auto Mode is on. */
    public void autoModeCluster(String clusterName, String ipFamily, List<String> subnetIds, Map<String, String> tags) {
        ObjectNode cluster = Json.MAPPER.createObjectNode().put("name", clusterName)
                .put("arn", "arn:aws:eks:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT + ":cluster/" + clusterName)
                .put("status", "ACTIVE").put("version", "1.33")
                .put("endpoint", "https://" + clusterName + ".example.eks.amazonaws.com");
        cluster.putObject("kubernetesNetworkConfig").put("ipFamily", ipFamily);
        ObjectNode vpc = cluster.putObject("resourcesVpcConfig").put("vpcId", "vpc-auto");
        subnetIds.forEach(vpc.putArray("subnetIds")::add);
        cluster.putObject("computeConfig").put("enabled", true);
        cluster.putObject("accessConfig").put("authenticationMode", "API");
        cluster.set("tags", Json.MAPPER.valueToTree(tags));
        server.stubFor(get(urlPathEqualTo("/clusters/" + clusterName)).atPriority(STUB)
                .willReturn(json(200, Json.MAPPER.createObjectNode().set("cluster", cluster))));
    }

    /** The bodies of the UpdateAddon calls made for the cluster, oldest first. */
    public List<JsonNode> updateRequests(String clusterName) {
        return server.findAll(postRequestedFor(urlPathEqualTo(addonPath(clusterName) + "/update"))).stream()
                .map(r -> read(r.getBodyAsString())).toList();
    }

    /** How many add-on API calls (any kind) were made for the cluster. */
    public int addonCalls(String clusterName) {
        return (int) server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(addonPath(clusterName))
                        || e.getRequest().getUrl().startsWith("/clusters/" + clusterName + "/updates"))
                .count();
    }

    /** Forgets the requests seen so far (stubs stay). */
    public void resetRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String addonPath(String clusterName) {
        return "/clusters/" + clusterName + "/addons/vpc-cni";
    }

    private static ObjectNode update(String updateId, String status) {
        ObjectNode update = Json.MAPPER.createObjectNode().put("id", updateId).put("status", status)
                .put("type", "AddonUpdate");
        update.putArray("errors");
        return update;
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString());
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type)
                .withBody(Json.MAPPER.createObjectNode().put("message", message).toString());
    }

    private static JsonNode read(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
