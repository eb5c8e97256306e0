package meshonboarder.steps.cluster;

import java.util.List;
import meshonboarder.aws.Wiring;
import meshonboarder.errors.InvalidInput;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.remote.KubernetesReaderTokens;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.RevokeOldReaderTokensService;
import meshonboarder.reconcile.TokenRevocation;

/**
 * {@code RevokeOldReaderTokens}, one Map item: the member's old reader token Secrets are deleted once every other
 * member holds its current token, and kept otherwise.
 */
public final class RevokeOldReaderTokensHandler
        extends StepHandler<RevokeOldReaderTokensHandler.Input, TokenRevocation> {

    /**
     * The Map's ItemSelector: {@code {clusterName, members}}: the member named by its rotation, and
     * $.membership.members, where it is found (the rotations keep names only).
     */
    public record Input(String clusterName, List<Member> members) {
    }

    private final RevokeOldReaderTokensService service;

    public RevokeOldReaderTokensHandler() {
        this(Wiring.fromEnvironment());
    }

    public RevokeOldReaderTokensHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public RevokeOldReaderTokensHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new RevokeOldReaderTokensService(new KubernetesReaderTokens(connector));
    }

    @Override
    protected TokenRevocation handle(Input input) {
        if (input.clusterName() == null || input.members() == null) {
            throw new InvalidInput("RevokeOldReaderTokens needs clusterName and members ($.membership.members).");
        }
        Member member = input.members().stream().filter(m -> input.clusterName().equals(m.clusterName()))
                .findFirst().orElseThrow(() -> new InvalidInput("RevokeOldReaderTokens: " + input.clusterName()
                        + " is not in members; its rotation must come from the same run's $.membership.members."));
        return service.revoke(member, input.members());
    }
}
