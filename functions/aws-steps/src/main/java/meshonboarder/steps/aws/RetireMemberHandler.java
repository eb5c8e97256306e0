package meshonboarder.steps.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import meshonboarder.aws.SecretsManagerIntermediateCas;
import meshonboarder.aws.SecretsManagerIntermediateCas.CaRecoveryWindow;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.remote.Retirement;
import meshonboarder.remote.RetireMemberService;

/**
 * {@code RetireMember}: once every peer dropped the departed member's remote secret, schedule its intermediate CA's
 * deletion and remove its membership record ({@code $.retirement}).
 */
public final class RetireMemberHandler extends StepHandler<RetireMemberHandler.Input, Retirement> {

    /** The ASL's Parameters: {@code {member: $.lookup.member, removal: $.removal}}. */
    public record Input(@Required("the departing member, $.lookup.member when offboarding") Member member,
                        List<JsonNode> removal) {
    }

    private final RetireMemberService service;

    public RetireMemberHandler() {
        this(Wiring.fromEnvironment());
    }

    public RetireMemberHandler(Wiring wiring) {
        super(Input.class);
        String prefix = wiring.mesh().secretPrefix();
        this.service = new RetireMemberService(DynamoMeshMembers.from(wiring),
                new SecretsManagerIntermediateCas(wiring.aws(), prefix, CaRecoveryWindow.from(wiring.env())));
    }

    @Override
    protected Retirement handle(Input input) {
        return service.retire(input.member(), input.removal());
    }
}
