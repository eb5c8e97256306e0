package meshonboarder.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule target's InputTransformer, applied to an event as EventBridge applies it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html, "Common issues with
 * transforming input"): each InputPathsMap path is read from the event; a path the event does not have creates no
 * variable, so nothing appears in its place; each value goes into InputTemplate as it is, because EventBridge does not
 * escape the values it extracts. A string value inside a string template is its text, without quotes.
 */
final class InputTransformer {

    private final Map<String, String> paths;
    private final String template;

    private InputTransformer(Map<String, String> paths, String template) {
        this.paths = paths;
        this.template = template;
    }

    /** The InputTransformer of the rule's first target. */
    static InputTransformer of(Template template, String rule) {
        Map<String, Object> target = Template.cast(((List<?>) template.properties(rule).get("Targets")).get(0));
        Map<String, Object> transformer = Template.map(target, "InputTransformer");
        Map<String, String> paths = new LinkedHashMap<>();
        Template.map(transformer, "InputPathsMap").forEach((name, path) -> paths.put(name, path.toString()));
        return new InputTransformer(paths, transformer.get("InputTemplate").toString().strip());
    }

    String template() {
        return template;
    }

    /** The variables whose path the event does not have ("$.detail.message" and the like). */
    List<String> missing(JsonNode event) {
        List<String> missing = new ArrayList<>();
        paths.forEach((name, path) -> {
            if (value(event, path) == null) {
                missing.add(name + " (" + path + ")");
            }
        });
        return missing;
    }

    /** What the target receives for the event. */
    String apply(JsonNode event) {
        String out = template;
        for (var variable : paths.entrySet()) {
            JsonNode value = value(event, variable.getValue());
            String text = value == null ? "" : value.isTextual() ? value.asText() : value.toString();
            out = out.replace("<" + variable.getKey() + ">", text);
        }
        return out;
    }

    /** Dot notation, the only form the template uses; null when the path is not in the event. */
    private static JsonNode value(JsonNode event, String path) {
        JsonNode node = event;
        for (String field : path.substring(2).split("\\.")) {
            node = node.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
        }
        return node;
    }
}
