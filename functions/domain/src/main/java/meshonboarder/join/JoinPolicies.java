package meshonboarder.join;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import meshonboarder.cluster.EksNames;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidInput;
import meshonboarder.json.Json;

/**
 * Every mesh's join policy, from the template parameter {@code JoinPolicies} (variable {@code JOIN_POLICIES}): a JSON
 * object from mesh id to policy, where the key {@code "*"} is the policy of every mesh not named. A mesh with no
 * policy, when there is no {@code "*"} either, admits the hub's own account only (docs/join-policy.md). Only
 * Resolve's handler reads the two variables, so that no other step counts as reading them.
 */
public final class JoinPolicies {

    private static final String VARIABLE = "JOIN_POLICIES";
    private static final String HUB_ACCOUNT = "HUB_ACCOUNT_ID";
    private static final Set<String> FIELDS = Set.of("accounts", "organizationalUnits", "regions", "ipFamilies",
            "requiredTags", "maxMembers", "approval");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}|\\*");
    private static final Pattern OU = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");

    private final String hubAccount;
    private final Map<String, JoinPolicy> policies;

    JoinPolicies(String hubAccount, Map<String, JoinPolicy> policies) {
        this.hubAccount = hubAccount;
        this.policies = Map.copyOf(policies);
    }

    /** @param hubAccount the hub's account, null when unknown (then only a policy for every account admits one) */
    public static JoinPolicies parse(String hubAccount, String json) {
        if (json == null || json.isBlank()) {
            return new JoinPolicies(hubAccount, Map.of());
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid("must be a JSON object from mesh id (or \"*\") to policy");
        }
        Map<String, JoinPolicy> policies = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> policies.put(e.getKey(), policy(e.getKey(), e.getValue(), hubAccount)));
        return new JoinPolicies(hubAccount, policies);
    }

    /** The mesh's policy: its own, else the one for every mesh ({@code "*"}), else the hub's account only. */
    public JoinPolicy forMesh(String meshId) {
        JoinPolicy policy = policies.get(meshId);
        if (policy == null) {
            policy = policies.get(JoinPolicy.ANY);
        }
        return policy != null ? policy : JoinPolicy.hubOnly(hubAccount == null ? "" : hubAccount);
    }

    public String hubAccount() {
        if (hubAccount == null) {
            throw new InvalidInput("The environment variable " + HUB_ACCOUNT + " is not set; it is filled in by "
                    + "template.yaml.");
        }
        return hubAccount;
    }

    private static JoinPolicy policy(String mesh, JsonNode node, String hubAccount) {
        if (!node.isObject()) {
            throw invalid("has a policy for '" + mesh + "' that is not a JSON object");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw invalid("has an unknown field '" + field + "' in the policy for '" + mesh + "' (known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        });
        Set<String> accounts = strings(mesh, node, "accounts", ACCOUNT, "12-digit account ids or \"*\"");
        Set<String> units = strings(mesh, node, "organizationalUnits", OU, "organizational unit ids (ou-...)");
        if (accounts.isEmpty() && units.isEmpty() && hubAccount != null) {
            accounts = Set.of(hubAccount); // no account named: the hub's own, as without a policy
        }
        Set<String> regions = strings(mesh, node, "regions", EksNames.REGION, "regions such as us-east-1");
        Set<IpFamily> families = new LinkedHashSet<>();
        strings(mesh, node, "ipFamilies", Pattern.compile("(?i)ipv4|ipv6"), "ipv4 or ipv6")
                .forEach(f -> families.add(IpFamily.of(f)));
        Map<String, String> tags = new HashMap<>();
        JsonNode tagNode = node.path("requiredTags");
        if (!tagNode.isMissingNode()) {
            if (!tagNode.isObject()) {
                throw invalid("has requiredTags for '" + mesh + "' that is not an object of tag key to value (\"*\": any)");
            }
            tagNode.fields().forEachRemaining(t -> {
                if (!t.getValue().isTextual()) {
                    throw invalid("has a requiredTags value for '" + t.getKey() + "' in '" + mesh + "' that is not a string");
                }
                tags.put(t.getKey(), t.getValue().asText());
            });
        }
        Integer max = null;
        JsonNode maxNode = node.path("maxMembers");
        if (!maxNode.isMissingNode()) {
            if (!maxNode.canConvertToInt() || !maxNode.isIntegralNumber() || maxNode.asInt() < 1) {
                throw invalid("has a maxMembers for '" + mesh + "' that is not a whole number of at least 1");
            }
            max = maxNode.asInt();
        }
        JsonNode approval = node.path("approval");
        if (!approval.isMissingNode() && !approval.isBoolean()) {
            throw invalid("has an approval for '" + mesh + "' that is not true or false");
        }
        return new JoinPolicy(accounts, units, regions, families, tags, max, approval.asBoolean(false));
    }

    private static Set<String> strings(String mesh, JsonNode node, String field, Pattern pattern, String expected) {
        JsonNode values = node.path(field);
        if (values.isMissingNode()) {
            return Set.of();
        }
        if (!values.isArray()) {
            throw invalid("has a " + field + " for '" + mesh + "' that is not a list of " + expected);
        }
        Set<String> result = new LinkedHashSet<>();
        for (JsonNode value : values) {
            if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
                throw invalid("has '" + value.asText() + "' in the " + field + " of '" + mesh + "': expected "
                        + expected);
            }
            result.add(value.asText());
        }
        return result;
    }

    private static InvalidInput invalid(String what) {
        return new InvalidInput("The environment variable " + VARIABLE + " (template parameter JoinPolicies) " + what
                + ". See docs/join-policy.md.");
    }
}
