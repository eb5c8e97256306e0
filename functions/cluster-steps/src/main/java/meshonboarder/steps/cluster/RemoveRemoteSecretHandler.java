package meshonboarder.steps.cluster;

import meshonboarder.aws.Wiring;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.remote.KubernetesRemoteSecretClusters;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.remote.RemovalResult;
import meshonboarder.remote.RemoveRemoteSecretService;

/**
 * {@code RemoveRemoteSecret}, one Map item: the departing member's remote secret out of one peer, and with
 * {@code bothWays} the peer's out of the departing member's cluster too.
 */
public final class RemoveRemoteSecretHandler extends StepHandler<RemoveRemoteSecretHandler.Input, RemovalResult> {

    /**
     * The Map's ItemSelector: {@code {member, peer}}, and {@code bothWays} (absent: false) when the departing cluster
     * lives on and must forget the peer too (ReconcileMesh's departure of an untagged cluster).
     */
    public record Input(@Required("the departing member, $.lookup.member when offboarding") Member member,
                        @Required("the member to remove it from, an item of $.peers.peers") Member peer,
                        boolean bothWays) {
    }

    private final RemoveRemoteSecretService service;

    public RemoveRemoteSecretHandler() {
        this(Wiring.fromEnvironment());
    }

    public RemoveRemoteSecretHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public RemoveRemoteSecretHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new RemoveRemoteSecretService(new KubernetesRemoteSecretClusters(connector));
    }

    @Override
    protected RemovalResult handle(Input input) {
        return service.remove(input.member(), input.peer(), input.bothWays());
    }
}
