package meshonboarder.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;

/** Placeholder: the state machine is wired to this step; issue 3 implements it. */
public final class EnsureCaHandler extends StepHandler<JsonNode, JsonNode> {

    public EnsureCaHandler() {
        this(Wiring.fromEnvironment());
    }

    public EnsureCaHandler(Wiring wiring) {
        super(JsonNode.class);
    }

    @Override
    protected JsonNode handle(JsonNode input) {
        throw new UnsupportedOperationException("EnsureCa is not implemented yet (issue 3).");
    }
}
