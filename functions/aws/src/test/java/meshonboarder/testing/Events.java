package meshonboarder.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import meshonboarder.json.Json;

/** The CloudTrail-shaped EventBridge events kept under {@code src/test/resources/events}. */
public final class Events {

    private Events() {
    }

    public static ObjectNode load(String file) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no event " + file);
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event, about the cluster {@code clusterName} in {@code region}. */
    public static ObjectNode about(String file, String clusterName, String region) {
        ObjectNode event = load(file);
        event.put("region", region);
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("awsRegion", region);
        ObjectNode parameters = (ObjectNode) detail.get("requestParameters");
        for (String field : new String[] {"name", "clusterName"}) {
            if (parameters.has(field)) {
                parameters.put(field, clusterName);
            }
        }
        if (parameters.has("resourceArn")) {
            String arn = parameters.get("resourceArn").asText();
            parameters.put("resourceArn", arn.replace("cluster/eks-1", "cluster/" + clusterName)
                    .replace("cluster%2Feks-1", "cluster%2F" + clusterName)
                    .replace(":us-east-1:", ":" + region + ":").replace("%3Aus-east-1%3A", "%3A" + region + "%3A"));
        }
        return event;
    }
}
