package meshonboarder.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;

/** Placeholder: the state machine is wired to this step; issue 5 implements it. */
public final class WaitIstioReadyHandler extends StepHandler<JsonNode, JsonNode> {

    public WaitIstioReadyHandler() {
        this(Wiring.fromEnvironment());
    }

    public WaitIstioReadyHandler(Wiring wiring) {
        super(JsonNode.class);
    }

    @Override
    protected JsonNode handle(JsonNode input) {
        throw new UnsupportedOperationException("WaitIstioReady is not implemented yet (issue 5).");
    }
}
