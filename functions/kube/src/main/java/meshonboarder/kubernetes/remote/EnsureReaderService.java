package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.cluster.Cluster;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.remote.ReaderWait;
import meshonboarder.wait.PollPolicy;
import meshonboarder.wait.WaitCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EnsureReader}: the cluster's reader identity, and one look at whether the token controller has filled its
 * token; Step Functions loops until it has.
 */
public final class EnsureReaderService {

    private static final Logger LOG = LoggerFactory.getLogger(EnsureReaderService.class);

    private final ClusterConnector connector;
    private final ReaderIdentity reader;
    private final PollPolicy poll;

    public EnsureReaderService(ClusterConnector connector, ReaderIdentity reader, PollPolicy poll) {
        this.connector = connector;
        this.reader = reader;
        this.poll = poll;
    }

    public ReaderWait check(Cluster cluster, ReaderWait previous) {
        boolean createdBefore = previous != null && previous.created();
        ReaderState state;
        try (KubernetesClient client = connector.connect(cluster.region(), cluster.clusterName())) {
            state = reader.ensure(client, cluster.ref());
        }
        boolean created = createdBefore || state.created();
        WaitCheck.Attempt attempt = poll.check(previous, state.ready(), cluster.ref(),
                () -> "the token controller of cluster '" + cluster.clusterName() + "' to fill Secret "
                        + Istio.NAMESPACE + "/" + state.tokenSecret() + " (it fills token and ca.crt only while "
                        + "ServiceAccount " + ReaderObjects.SERVICE_ACCOUNT + " exists and the Secret's "
                        + ReaderObjects.SERVICE_ACCOUNT_ANNOTATION + " annotation names it)");
        if (attempt.ready()) {
            LOG.info("reader token Secret {}/{} is filled", Istio.NAMESPACE, state.tokenSecret());
        }
        return new ReaderWait(attempt.ready(), attempt.attempt(), attempt.waitSeconds(), state.tokenSecret(), created);
    }
}
