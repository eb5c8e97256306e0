package meshonboarder.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Enough of Kubernetes' strategic merge patch for the objects of Istio's charts, which Helm upgrades with
 * {@code application/strategic-merge-patch+json}: maps merge, {@code null} deletes a key, lists of objects
 * that all have a {@code name} merge item by item on it (containers, env, ports, volumes, webhooks), any
 * other list is replaced, and {@code $}-directives ({@code $setElementOrder/...}, {@code $retainKeys}) are
 * skipped. The real rules are per field (patchMergeKey tags in the Go types); this approximation is faithful
 * for what Helm sends when a value changes.
 */
final class StrategicMerge {

    static final String CONTENT_TYPE = "application/strategic-merge-patch+json";

    private StrategicMerge() {
    }

    static boolean isStrategicMerge(String contentType) {
        return contentType != null && contentType.startsWith(CONTENT_TYPE);
    }

    /** The patched object: {@code current} is not changed. */
    static JsonNode apply(JsonNode current, JsonNode patch) {
        return merge(current.deepCopy(), patch);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!(target instanceof ObjectNode object) || !patch.isObject()) {
            return patch.deepCopy();
        }
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                continue;
            }
            if (value.isNull()) {
                object.remove(key);
            } else if (value.isArray() && object.path(key).isArray() && namedItems(value)
                    && namedItems(object.get(key))) {
                object.set(key, mergeByName((ArrayNode) object.get(key), (ArrayNode) value));
            } else if (value.isObject() && object.path(key).isObject()) {
                object.set(key, merge(object.get(key), value));
            } else {
                object.set(key, stripDirectives(value.deepCopy()));
            }
        }
        return object;
    }

    private static ArrayNode mergeByName(ArrayNode current, ArrayNode patch) {
        ArrayNode merged = current.deepCopy();
        for (JsonNode item : patch) {
            String name = item.path("name").asText();
            int index = indexOf(merged, name);
            boolean delete = "delete".equals(item.path("$patch").asText());
            if (delete && index >= 0) {
                merged.remove(index);
            } else if (!delete && index >= 0) {
                merged.set(index, merge(merged.get(index), item));
            } else if (!delete) {
                merged.add(stripDirectives(item.deepCopy()));
            }
        }
        return merged;
    }

    private static boolean namedItems(JsonNode array) {
        if (array.isEmpty()) {
            return true;
        }
        for (JsonNode item : array) {
            if (!item.isObject() || !item.hasNonNull("name")) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(ArrayNode array, String name) {
        for (int i = 0; i < array.size(); i++) {
            if (name.equals(array.get(i).path("name").asText())) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode stripDirectives(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(e -> e.getKey().startsWith("$"));
            object.forEach(StrategicMerge::stripDirectives);
        } else if (node.isArray()) {
            node.forEach(StrategicMerge::stripDirectives);
        }
        return node;
    }
}
