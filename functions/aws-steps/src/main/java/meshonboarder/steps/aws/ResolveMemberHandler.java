package meshonboarder.steps.aws;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.MemberLookup;
import meshonboarder.mesh.ResolveMemberService;

/** {@code ResolveMember}: the DeleteCluster event or manual input to {@code $.lookup}. */
public final class ResolveMemberHandler extends StepHandler<JsonNode, MemberLookup> {

    private final ResolveMemberService service;

    public ResolveMemberHandler() {
        this(Wiring.fromEnvironment());
    }

    public ResolveMemberHandler(Wiring wiring) {
        super(JsonNode.class);
        this.service = new ResolveMemberService(DynamoMeshMembers.from(wiring),
                wiring.mesh());
    }

    @Override
    protected MemberLookup handle(JsonNode input) {
        return service.lookup(input);
    }
}
