package meshonboarder.steps.aws;

import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.istio.IstioInstallation;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.RegisterMemberService;

/**
 * {@code RegisterMember}: records {@code $.cluster} as a member of its mesh, with the address type InstallIstio gave
 * its east-west gateway ({@code $.istio}); the result is {@code $.member}.
 */
public final class RegisterMemberHandler extends StepHandler<RegisterMemberHandler.Input, Member> {

    /** @param istio InstallIstio's result; absent only when the state was made by hand (the type is then unknown) */
    public record Input(@Required("the output of Resolve") Cluster cluster, IstioInstallation istio) {
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
        return service.register(input.cluster(), input.istio() == null ? null : input.istio().gatewayAddressType());
    }
}
