package meshonboarder.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;

/** Placeholder: the state machine is wired to this step; issue 6 implements it. */
public final class RetireMemberHandler extends StepHandler<JsonNode, JsonNode> {

    public RetireMemberHandler() {
        this(Wiring.fromEnvironment());
    }

    public RetireMemberHandler(Wiring wiring) {
        super(JsonNode.class);
    }

    @Override
    protected JsonNode handle(JsonNode input) {
        throw new UnsupportedOperationException("RetireMember is not implemented yet (issue 6).");
    }
}
