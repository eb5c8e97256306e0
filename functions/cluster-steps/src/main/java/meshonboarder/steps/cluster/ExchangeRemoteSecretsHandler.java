package meshonboarder.steps.cluster;

import meshonboarder.aws.AwsApiServers;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.remote.KubernetesRemoteSecretClusters;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeRemoteSecretsService;
import meshonboarder.remote.ExchangeResult;
import meshonboarder.remote.ExchangeSettings;

/**
 * {@code ExchangeRemoteSecrets}, one Map item: remote secrets both ways between {@code $.cluster} and one peer. An
 * unreachable peer is {@code meshonboarder.errors.Transient}: the ASL retries it, then reports it as UNREACHED.
 */
public final class ExchangeRemoteSecretsHandler extends StepHandler<ExchangeRemoteSecretsHandler.Input, ExchangeResult> {

    /** The Map's ItemSelector: {@code {cluster, peer}}. */
    public record Input(@Required("the member to connect, $.cluster when onboarding") Cluster cluster,
                        @Required("the member to connect it with, an item of $.peers.peers") Member peer) {
    }

    private final ExchangeRemoteSecretsService service;

    public ExchangeRemoteSecretsHandler() {
        this(Wiring.fromEnvironment());
    }

    public ExchangeRemoteSecretsHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public ExchangeRemoteSecretsHandler(Wiring wiring, ClusterConnector connector) {
        this(wiring, connector, new AwsApiServers(wiring.aws()));
    }

    /** With the API servers given: tests point remote secrets at stand-in API servers. */
    ExchangeRemoteSecretsHandler(Wiring wiring, ClusterConnector connector, ApiServers apiServers) {
        super(Input.class);
        this.service = new ExchangeRemoteSecretsService(new KubernetesRemoteSecretClusters(connector), apiServers,
                ExchangeSettings.from(wiring.env()));
    }

    @Override
    protected ExchangeResult handle(Input input) {
        return service.exchange(input.cluster(), input.peer());
    }
}
