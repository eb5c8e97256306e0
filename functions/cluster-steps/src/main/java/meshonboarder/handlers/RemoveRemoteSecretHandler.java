package meshonboarder.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;

/** Placeholder: the state machine is wired to this step; issue 6 implements it. */
public final class RemoveRemoteSecretHandler extends StepHandler<JsonNode, JsonNode> {

    public RemoveRemoteSecretHandler() {
        this(Wiring.fromEnvironment());
    }

    public RemoveRemoteSecretHandler(Wiring wiring) {
        super(JsonNode.class);
    }

    @Override
    protected JsonNode handle(JsonNode input) {
        throw new UnsupportedOperationException("RemoveRemoteSecret is not implemented yet (issue 6).");
    }
}
