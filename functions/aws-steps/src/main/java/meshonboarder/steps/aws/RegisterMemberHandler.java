package meshonboarder.steps.aws;

import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.RegisterMemberService;

/** {@code RegisterMember}: records {@code $.cluster} as a member of its mesh; the result is {@code $.member}. */
public final class RegisterMemberHandler extends StepHandler<RegisterMemberHandler.Input, Member> {

    public record Input(@Required("the output of Resolve") Cluster cluster) {
    }

    private final RegisterMemberService service;

    public RegisterMemberHandler() {
        this(Wiring.fromEnvironment());
    }

    public RegisterMemberHandler(Wiring wiring) {
        super(Input.class);
        this.service = new RegisterMemberService(DynamoMeshMembers.from(wiring));
    }

    @Override
    protected Member handle(Input input) {
        return service.register(input.cluster());
    }
}
