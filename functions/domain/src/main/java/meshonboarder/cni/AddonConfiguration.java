package meshonboarder.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Set;
import meshonboarder.json.Json;

/**
 * The configuration values of a managed {@code vpc-cni} add-on, as far as egress goes. EKS takes them as JSON
 * or YAML; egress lives in {@code env} (the {@code aws-node} container) and {@code init.env} (the init
 * container, whose schema accepts only {@code ENABLE_V6_EGRESS}). Every other key the user set is kept as is.
 */
public final class AddonConfiguration {

    // YAML 1.1 reads JSON too, so one parser serves both forms.
    private static final YAMLMapper YAML = new YAMLMapper();

    private final ObjectNode values;

    private AddonConfiguration(ObjectNode values) {
        this.values = values;
    }

    /** Parses the add-on's current values; null or blank means none. */
    public static AddonConfiguration parse(String configurationValues) {
        if (configurationValues == null || configurationValues.isBlank()) {
            return new AddonConfiguration(Json.MAPPER.createObjectNode());
        }
        try {
            JsonNode node = YAML.readTree(configurationValues);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return new AddonConfiguration(Json.MAPPER.createObjectNode());
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("the vpc-cni configuration values are not an object");
            }
            return new AddonConfiguration((ObjectNode) node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the vpc-cni configuration values are neither JSON nor YAML", e);
        }
    }

    /** Whether every egress in {@code needs} is on, counting the CNI's default for a variable not set. */
    public boolean satisfies(Set<Egress> needs) {
        return needs.stream().allMatch(e -> e.isOn(text(values.path("env").path(e.variable())))
                && (!e.initContainerToo() || e.isOn(text(values.path("init").path("env").path(e.variable())))));
    }

    /** A copy with {@code needs} turned on; every other key is kept. */
    public AddonConfiguration with(Set<Egress> needs) {
        ObjectNode copy = values.deepCopy();
        Egress.env(needs).forEach((name, value) -> object(copy, "env").put(name, value));
        Egress.initEnv(needs).forEach((name, value) -> object(object(copy, "init"), "env").put(name, value));
        return new AddonConfiguration(copy);
    }

    /** The values as EKS takes them back: JSON. */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values as a tree, for comparing. */
    public JsonNode tree() {
        return values.deepCopy();
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        return child instanceof ObjectNode existing ? existing : parent.putObject(field);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
