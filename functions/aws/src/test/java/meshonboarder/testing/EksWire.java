package meshonboarder.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import meshonboarder.json.Json;

/**
 * WireMock stubs on the EKS wire protocol (REST-JSON), for what moto lacks (access entries, add-ons) or gets
 * wrong for TLS tests (a real cluster CA). Errors carry their type in {@code x-amzn-ErrorType}, as EKS sends it.
 */
public final class EksWire {

    public static final String ACCOUNT = MotoServer.ACCOUNT;

    private EksWire() {
    }

    /** DescribeCluster ({@code GET /clusters/{name}}) answering an ACTIVE cluster. */
    public static MappingBuilder describeCluster(String name, String region, String endpoint, String caData,
                                                 String authenticationMode) {
        return get(urlPathEqualTo("/clusters/" + name))
                .willReturn(okJson(clusterJson(name, region, "ACTIVE", endpoint, caData, authenticationMode)));
    }

    /** The DescribeCluster body; null endpoint, CA or mode are left out, as EKS does while a cluster is created. */
    public static String clusterJson(String name, String region, String status, String endpoint, String caData,
                                     String authenticationMode) {
        ObjectNode cluster = Json.MAPPER.createObjectNode();
        cluster.put("name", name)
                .put("arn", "arn:aws:eks:" + region + ":" + ACCOUNT + ":cluster/" + name)
                .put("status", status)
                .put("version", "1.33");
        if (endpoint != null) {
            cluster.put("endpoint", endpoint);
        }
        if (caData != null) {
            cluster.putObject("certificateAuthority").put("data", caData);
        }
        if (authenticationMode != null) {
            cluster.putObject("accessConfig").put("authenticationMode", authenticationMode);
        }
        cluster.putObject("kubernetesNetworkConfig").put("ipFamily", "ipv4");
        cluster.putObject("resourcesVpcConfig").put("vpcId", "vpc-0a1b2c3d").putArray("subnetIds");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("cluster", cluster);
        return body.toString();
    }

    /** An EKS error response, for example {@code error(404, "ResourceNotFoundException", "No cluster found")}. */
    public static ResponseDefinitionBuilder error(int status, String type, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", message);
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type)
                .withBody(body.toString());
    }
}
