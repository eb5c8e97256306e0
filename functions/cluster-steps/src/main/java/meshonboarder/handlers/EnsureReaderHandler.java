package meshonboarder.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;

/** Placeholder: the state machine is wired to this step; issue 6 implements it. */
public final class EnsureReaderHandler extends StepHandler<JsonNode, JsonNode> {

    public EnsureReaderHandler() {
        this(Wiring.fromEnvironment());
    }

    public EnsureReaderHandler(Wiring wiring) {
        super(JsonNode.class);
    }

    @Override
    protected JsonNode handle(JsonNode input) {
        throw new UnsupportedOperationException("EnsureReader is not implemented yet (issue 6).");
    }
}
