package meshonboarder.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;

/** Placeholder: the state machine is wired to this step; issue 2 implements it. */
public final class GrantAccessHandler extends StepHandler<JsonNode, JsonNode> {

    public GrantAccessHandler() {
        this(Wiring.fromEnvironment());
    }

    public GrantAccessHandler(Wiring wiring) {
        super(JsonNode.class);
    }

    @Override
    protected JsonNode handle(JsonNode input) {
        throw new UnsupportedOperationException("GrantAccess is not implemented yet (issue 2).");
    }
}
