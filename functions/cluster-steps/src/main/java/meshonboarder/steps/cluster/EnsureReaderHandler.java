package meshonboarder.steps.cluster;

import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.remote.KubernetesRemoteSecretClusters;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.remote.EnsureReaderService;
import meshonboarder.remote.ReaderWait;
import meshonboarder.wait.PollPolicy;

/** {@code EnsureReader}: the reader identity and one look at its token ({@code $.reader}); the ASL loops on ready. */
public final class EnsureReaderHandler extends StepHandler<EnsureReaderHandler.Input, ReaderWait> {

    /** The execution state's fields this step reads: the cluster, and the previous check while looping. */
    public record Input(@Required("the output of Resolve") Cluster cluster, ReaderWait reader) {
    }

    private final EnsureReaderService service;

    public EnsureReaderHandler() {
        this(Wiring.fromEnvironment());
    }

    public EnsureReaderHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public EnsureReaderHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new EnsureReaderService(new KubernetesRemoteSecretClusters(connector),
                PollPolicy.from(wiring.env(), "READER_TOKEN_TIMEOUT_SECONDS", 300));
    }

    @Override
    protected ReaderWait handle(Input input) {
        return service.check(input.cluster(), input.reader());
    }
}
