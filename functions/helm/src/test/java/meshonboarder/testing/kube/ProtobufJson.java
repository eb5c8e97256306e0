package meshonboarder.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes protobuf request bodies to JSON. Helm's typed clients (its release storage writes Secrets) send
 * {@code application/vnd.kubernetes.protobuf}: the magic bytes {@code k8s\0}, then a {@code runtime.Unknown}
 * whose {@code raw} field holds the object. The object is decoded with client-java-proto's classes and
 * written field by field, which gives Kubernetes JSON because the proto field names are the JSON names;
 * only the few wrapper types (times, int-or-string, quantities, raw extensions) need their own rule.
 */
final class ProtobufJson {

    static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProtobufJson() {
    }

    static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.startsWith(CONTENT_TYPE);
    }

    /** The object in a protobuf request body, as JSON with its apiVersion and kind. */
    static ObjectNode toJson(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a Kubernetes protobuf body (no k8s\\0 prefix)");
        }
        try {
            Runtime.Unknown unknown = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, MAGIC.length, body.length));
            String apiVersion = unknown.getTypeMeta().getApiVersion();
            String kind = unknown.getTypeMeta().getKind();
            ObjectNode json = JSON.objectNode().put("apiVersion", apiVersion).put("kind", kind);
            json.setAll(message(parse(apiVersion, kind, unknown.getRaw())));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Core v1 kinds are classes nested in {@code V1}; other groups are not sent as protobuf by Helm. */
    private static Message parse(String apiVersion, String kind, ByteString raw) {
        if (!"v1".equals(apiVersion)) {
            throw new IllegalArgumentException("protobuf decoding covers core v1 only, not " + apiVersion + " " + kind);
        }
        try {
            Class<?> type = Class.forName("io.kubernetes.client.proto.V1$" + kind);
            return (Message) type.getMethod("parseFrom", ByteString.class).invoke(null, raw);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("no protobuf class for core v1 " + kind, e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("protobuf " + kind + " does not parse", e.getCause());
        }
    }

    private static ObjectNode message(Message message) {
        ObjectNode node = JSON.objectNode();
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            if (descriptor.isMapField()) {
                ObjectNode map = node.putObject(descriptor.getName());
                for (Object entry : (List<?>) field.getValue()) {
                    Message e = (Message) entry;
                    FieldDescriptor key = e.getDescriptorForType().findFieldByName("key");
                    FieldDescriptor value = e.getDescriptorForType().findFieldByName("value");
                    map.set(String.valueOf(e.getField(key)), value(value, e.getField(value)));
                }
            } else if (descriptor.isRepeated()) {
                ArrayNode array = node.putArray(descriptor.getName());
                ((List<?>) field.getValue()).forEach(v -> array.add(value(descriptor, v)));
            } else {
                node.set(descriptor.getName(), value(descriptor, field.getValue()));
            }
        }
        return node;
    }

    private static JsonNode value(FieldDescriptor descriptor, Object value) {
        return switch (descriptor.getJavaType()) {
            case MESSAGE -> wrapper((Message) value);
            case BYTE_STRING -> JSON.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case INT -> JSON.numberNode((Integer) value);
            case LONG -> JSON.numberNode((Long) value);
            case BOOLEAN -> JSON.booleanNode((Boolean) value);
            case DOUBLE -> JSON.numberNode((Double) value);
            case FLOAT -> JSON.numberNode((Float) value);
            default -> JSON.textNode(String.valueOf(value));
        };
    }

    private static JsonNode wrapper(Message value) {
        String type = value.getDescriptorForType().getName();
        return switch (type) {
            case "Time", "MicroTime" -> JSON.textNode(Instant.ofEpochSecond(
                    (Long) field(value, "seconds", 0L), ((Integer) field(value, "nanos", 0)).longValue()).toString());
            case "IntOrString" -> ((Long) field(value, "type", 0L)) == 0L
                    ? JSON.numberNode((Integer) field(value, "intVal", 0))
                    : JSON.textNode((String) field(value, "strVal", ""));
            case "Quantity" -> JSON.textNode((String) field(value, "string", ""));
            case "RawExtension", "FieldsV1" -> rawJson((ByteString) field(value, "raw", ByteString.EMPTY));
            default -> message(value);
        };
    }

    private static Object field(Message message, String name, Object fallback) {
        FieldDescriptor descriptor = message.getDescriptorForType().findFieldByName(name);
        if (descriptor == null || !message.hasField(descriptor)) {
            return fallback;
        }
        Object value = message.getField(descriptor);
        return value instanceof Integer i && fallback instanceof Long ? Long.valueOf(i) : value;
    }

    private static JsonNode rawJson(ByteString raw) {
        try {
            return raw.isEmpty() ? JSON.objectNode() : MAPPER.readTree(raw.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
