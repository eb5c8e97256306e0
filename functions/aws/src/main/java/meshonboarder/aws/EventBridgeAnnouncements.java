package meshonboarder.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import meshonboarder.announce.Announcement;
import meshonboarder.announce.Announcements;
import meshonboarder.errors.Transient;
import meshonboarder.json.Json;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** {@link Announcements} on the default EventBridge bus, source {@code mesh-onboarder}. */
public final class EventBridgeAnnouncements implements Announcements {

    public static final String SOURCE = "mesh-onboarder";

    private final AwsClients aws;

    public EventBridgeAnnouncements(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public void publish(Announcement announcement, String executionArn) {
        ObjectNode detail = Json.MAPPER.valueToTree(announcement);
        detail.remove("detailType");
        detail.put("executionArn", executionArn);
        try {
            String json = Json.MAPPER.writeValueAsString(detail);
            PutEventsResponse response = aws.eventBridge().putEvents(r -> r.entries(e -> e.source(SOURCE)
                    .detailType(announcement.detailType()).detail(json).eventBusName("default")
                    .resources(executionArn == null ? List.of() : List.of(executionArn))));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                throw new Transient("EventBridge did not take the '" + announcement.detailType() + "' event ("
                        + response.entries().get(0).errorCode() + ").");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "putting the '" + announcement.detailType() + "' event on the default bus");
        }
    }
}
