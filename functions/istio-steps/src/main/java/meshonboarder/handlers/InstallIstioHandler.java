package meshonboarder.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;

/** Placeholder: the state machine is wired to this step; issue 5 implements it. */
public final class InstallIstioHandler extends StepHandler<JsonNode, JsonNode> {

    public InstallIstioHandler() {
        this(Wiring.fromEnvironment());
    }

    public InstallIstioHandler(Wiring wiring) {
        super(JsonNode.class);
    }

    @Override
    protected JsonNode handle(JsonNode input) {
        throw new UnsupportedOperationException("InstallIstio is not implemented yet (issue 5).");
    }
}
