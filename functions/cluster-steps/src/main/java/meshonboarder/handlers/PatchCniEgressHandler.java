package meshonboarder.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;

/** Placeholder: the state machine is wired to this step; issue 4 implements it. */
public final class PatchCniEgressHandler extends StepHandler<JsonNode, JsonNode> {

    public PatchCniEgressHandler() {
        this(Wiring.fromEnvironment());
    }

    public PatchCniEgressHandler(Wiring wiring) {
        super(JsonNode.class);
    }

    @Override
    protected JsonNode handle(JsonNode input) {
        throw new UnsupportedOperationException("PatchCniEgress is not implemented yet (issue 4).");
    }
}
