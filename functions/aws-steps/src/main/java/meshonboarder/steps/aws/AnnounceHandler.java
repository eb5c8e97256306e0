package meshonboarder.steps.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import meshonboarder.announce.AnnounceService;
import meshonboarder.announce.Announcement;
import meshonboarder.announce.Operation;
import meshonboarder.aws.DynamoOnboardingRecords;
import meshonboarder.aws.EventBridgeAnnouncements;
import meshonboarder.aws.Wiring;
import meshonboarder.json.Json;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;

/** {@code Announce}: one mesh-onboarder event on the default bus; {@code $.announcement} says how to end. */
public final class AnnounceHandler extends StepHandler<AnnounceHandler.Input, Announcement> {

    /** @param state the whole execution state at that point */
    public record Input(@Required("onboard or offboard, from the state machine's Parameters") Operation operation,
                        String executionArn, JsonNode state) {
    }

    private final AnnounceService service;

    public AnnounceHandler() {
        this(Wiring.fromEnvironment());
    }

    public AnnounceHandler(Wiring wiring) {
        super(Input.class);
        this.service = new AnnounceService(new EventBridgeAnnouncements(wiring.aws()),
                DynamoOnboardingRecords.from(wiring), wiring.mesh().region(), Clock.systemUTC());
    }

    @Override
    protected Announcement handle(Input input) {
        JsonNode state = input.state() == null ? Json.MAPPER.createObjectNode() : input.state();
        return service.announce(input.operation(), input.executionArn(), state);
    }
}
