package meshonboarder.local.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.json.Json;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * What the local runner adds to moto's EKS, on EKS's own wire protocol (REST-JSON), so that the production
 * adapters run unchanged:
 * <ul>
 *   <li>DescribeCluster answers with the stand-in cluster's API endpoint and CA instead of moto's invented ones,
 *       so {@code EksClusterConnector} connects to the local API server over TLS, and kubeconfigs point at it;</li>
 *   <li>access entries and their policies (moto answers 404), kept in memory; a new entry is not effective at
 *       once: its cluster answers 401 for a moment ({@link SimulatedCluster#accessEntryCreated()}). As EKS does,
 *       an entry keeps the role id its principal had when it was made (from moto's IAM), and matches only while
 *       the role still has that id: once the role is deleted and created again under the same name, the
 *       cluster's API server refuses EKS tokens until the entry is made again (EKS API reference, AccessEntry
 *       principalArn: "even though the ARN is the same for the recreated IAM principal, the roleID or userID
 *       ... is different"; terraform-aws-modules/terraform-aws-eks issue 3329). A cluster that never got an entry
 *       through this front (the benches seed members directly) is not checked;</li>
 *   <li>CreateAccessEntry refuses a principal that IAM has not yet propagated to EKS: a role that does not exist, or
 *       one created less than {@code propagation} ago by this front's clock, gets InvalidParameterException "The
 *       specified principalArn is invalid: invalid principal", the answer the Terraform AWS provider retries for two
 *       minutes after creating a role (hashicorp/terraform-provider-aws, internal/service/eks/access_entry.go);</li>
 *   <li>add-ons: none is installed (the stand-in clusters run a self-managed aws-node).</li>
 * </ul>
 */
public final class EksFront {

    private static final Pattern CLUSTER = Pattern.compile("/clusters/([^/]+)");
    private static final Pattern ENTRIES = Pattern.compile("/clusters/([^/]+)/access-entries");
    private static final Pattern ENTRY = Pattern.compile("/clusters/([^/]+)/access-entries/([^/]+)");
    private static final Pattern POLICIES = Pattern.compile("/clusters/([^/]+)/access-entries/([^/]+)/access-policies");
    private static final Pattern ADDONS = Pattern.compile("/clusters/([^/]+)/addons(/[^/]+)?");

    /** An HTTP answer. */
    record Reply(int status, String errorType, byte[] body) {
    }

    /** EKS's answer to a principal it does not know (yet), as the Terraform AWS provider matches it. */
    static final String INVALID_PRINCIPAL = "The specified principalArn is invalid: invalid principal";

    private final Function<String, SimulatedCluster> clusters;
    private final IamClient iam;
    private final InstantSource clock;
    private final Duration propagation;
    private final Map<String, ObjectNode> entries = new ConcurrentHashMap<>();
    private final Map<String, ArrayNode> policies = new ConcurrentHashMap<>();
    // The role id each entry's principal had when the entry was made: EKS keeps it, and never shows it.
    private final Map<String, String> principalIds = new ConcurrentHashMap<>();

    /**
     * @param clock       what "now" is when a new role's propagation is judged (tests move it, never wait)
     * @param propagation how long after its creation a role is still an invalid principal to CreateAccessEntry
     */
    public EksFront(Function<String, SimulatedCluster> clusters, IamClient iam, InstantSource clock,
                    Duration propagation) {
        this.clusters = clusters;
        this.iam = iam;
        this.clock = clock;
        this.propagation = propagation;
    }

    /** An answer for what moto lacks, or null to forward the request to moto. */
    Reply intercept(String method, String path, byte[] body) throws IOException {
        Matcher m;
        if ((m = POLICIES.matcher(path)).matches()) {
            String key = key(m.group(1), decode(m.group(2)));
            if (!entries.containsKey(key)) {
                return notFound("The specified access entry resource can't be found.");
            }
            ArrayNode list = policies.computeIfAbsent(key, k -> Json.MAPPER.createArrayNode());
            ObjectNode reply = Json.MAPPER.createObjectNode().put("clusterName", m.group(1))
                    .put("principalArn", decode(m.group(2)));
            if ("POST".equals(method)) {
                JsonNode request = Json.MAPPER.readTree(body);
                ObjectNode policy = Json.MAPPER.createObjectNode().put("policyArn", request.path("policyArn").asText());
                policy.set("accessScope", request.path("accessScope"));
                policy.put("associatedAt", 1.7e9).put("modifiedAt", 1.7e9);
                synchronized (list) {
                    list.removeIf(p -> p.path("policyArn").equals(policy.path("policyArn")));
                    list.add(policy);
                }
                reply.set("associatedAccessPolicy", policy);
            } else {
                reply.set("associatedAccessPolicies", list);
            }
            return ok(reply);
        }
        if ((m = ENTRY.matcher(path)).matches() && "DELETE".equals(method)) {
            String key = key(m.group(1), decode(m.group(2)));
            if (entries.remove(key) == null) {
                return notFound("The specified access entry resource can't be found.");
            }
            policies.remove(key); // DeleteAccessEntry takes the entry's policy associations with it
            principalIds.remove(key);
            return ok(Json.MAPPER.createObjectNode());
        }
        if ((m = ENTRY.matcher(path)).matches()) {
            ObjectNode entry = entries.get(key(m.group(1), decode(m.group(2))));
            return entry == null ? notFound("The specified access entry resource can't be found.")
                    : ok(Json.MAPPER.createObjectNode().set("accessEntry", entry));
        }
        if ((m = ENTRIES.matcher(path)).matches() && "POST".equals(method)) {
            JsonNode request = Json.MAPPER.readTree(body);
            String principal = request.path("principalArn").asText();
            if (!propagated(principal)) {
                return new Reply(400, "InvalidParameterException", error(INVALID_PRINCIPAL));
            }
            ObjectNode entry = Json.MAPPER.createObjectNode().put("clusterName", m.group(1))
                    .put("principalArn", principal).put("type", request.path("type").asText("STANDARD"))
                    .put("username", principal).put("accessEntryArn", "arn:aws:eks:us-east-1:123456789012:access-entry/"
                            + m.group(1) + "/role/" + principal.substring(principal.lastIndexOf('/') + 1))
                    .put("createdAt", Instant.now().toEpochMilli() / 1000.0);
            String key = key(m.group(1), principal);
            if (entries.putIfAbsent(key, entry) != null) {
                return new Reply(409, "ResourceInUseException", error("The specified access entry resource is already in use on this cluster."));
            }
            principalIds.put(key, roleId(principal));
            SimulatedCluster cluster = clusters.apply(m.group(1));
            if (cluster != null) {
                String clusterName = m.group(1);
                cluster.accessEntryCreated(); // not effective at once: the API server answers 401 for a moment
                cluster.authenticateEksTokens(() -> admits(clusterName));
            }
            return ok(Json.MAPPER.createObjectNode().set("accessEntry", entry));
        }
        if ((m = ADDONS.matcher(path)).matches()) {
            if (m.group(2) == null && "GET".equals(method)) {
                return ok(Json.MAPPER.createObjectNode().set("addons", Json.MAPPER.createArrayNode()));
            }
            return notFound("No addon: " + (m.group(2) == null ? "" : m.group(2).substring(1)) + " found in cluster: " + m.group(1));
        }
        return null;
    }

    /**
     * Whether the cluster's access entries let the controller in: one of them still names its principal by the id
     * that principal has now. Every EKS token in the local runner is the cluster access role's (the functions all
     * act as it), so one matching entry admits them.
     */
    public boolean admits(String clusterName) {
        return entries.keySet().stream().filter(k -> k.startsWith(clusterName + "|"))
                .anyMatch(k -> roleId(k.substring(k.indexOf('|') + 1)).equals(principalIds.get(k)));
    }

    /** Whether IAM has made the role known to EKS: it exists, and was created at least {@code propagation} ago. */
    private boolean propagated(String principalArn) {
        try {
            Instant created = iam.getRole(r -> r.roleName(principalArn.substring(principalArn.lastIndexOf('/') + 1)))
                    .role().createDate();
            return !clock.instant().isBefore(created.plus(propagation));
        } catch (NoSuchEntityException e) {
            return false;
        }
    }

    /** The role's id in moto's IAM now; "" when there is no such role. */
    private String roleId(String principalArn) {
        try {
            return iam.getRole(r -> r.roleName(principalArn.substring(principalArn.lastIndexOf('/') + 1)))
                    .role().roleId();
        } catch (NoSuchEntityException e) {
            return "";
        }
    }

    /** moto's answer, with a stand-in cluster's real endpoint and CA where moto invents them. */
    byte[] rewrite(String method, String path, int status, byte[] body) throws IOException {
        Matcher m = CLUSTER.matcher(path);
        if (!"GET".equals(method) || status != 200 || !m.matches()) {
            return body;
        }
        SimulatedCluster cluster = clusters.apply(m.group(1));
        if (cluster == null) {
            return body;
        }
        ObjectNode response = (ObjectNode) Json.MAPPER.readTree(body);
        ObjectNode eks = (ObjectNode) response.path("cluster");
        eks.put("endpoint", cluster.endpoint());
        eks.putObject("certificateAuthority").put("data", cluster.certificateAuthority());
        eks.putObject("accessConfig").put("authenticationMode", "API_AND_CONFIG_MAP");
        return Json.MAPPER.writeValueAsBytes(response);
    }

    private static String key(String cluster, String principal) {
        return cluster + "|" + principal;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static Reply ok(JsonNode body) throws IOException {
        return new Reply(200, null, Json.MAPPER.writeValueAsBytes(body));
    }

    private static Reply notFound(String message) {
        return new Reply(404, "ResourceNotFoundException", error(message));
    }

    private static byte[] error(String message) {
        try {
            return Json.MAPPER.writeValueAsBytes(Map.of("message", message));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
