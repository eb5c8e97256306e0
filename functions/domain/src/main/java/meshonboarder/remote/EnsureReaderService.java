package meshonboarder.remote;

import meshonboarder.cluster.Cluster;
import meshonboarder.istio.Istio;
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

    private final RemoteSecretClusters clusters;
    private final PollPolicy poll;

    public EnsureReaderService(RemoteSecretClusters clusters, PollPolicy poll) {
        this.clusters = clusters;
        this.poll = poll;
    }

    public ReaderWait check(Cluster cluster, ReaderWait previous) {
        boolean createdBefore = previous != null && previous.created();
        ReaderState state;
        try (RemoteSecretClusters.Connection connection = clusters.connect(cluster.region(), cluster.clusterName())) {
            state = connection.ensureReader(cluster.ref());
        }
        boolean created = createdBefore || state.created();
        WaitCheck.Attempt attempt = poll.check(previous, state.ready(), cluster.ref(),
                () -> "the token controller of cluster '" + cluster.clusterName() + "' to fill Secret "
                        + Istio.NAMESPACE + "/" + state.tokenSecret() + " (it fills token and ca.crt only while "
                        + "ServiceAccount " + Istio.READER_SERVICE_ACCOUNT + " exists and the Secret's "
                        + "kubernetes.io/service-account.name annotation names it)");
        if (attempt.ready()) {
            LOG.info("reader token Secret {}/{} is filled", Istio.NAMESPACE, state.tokenSecret());
        }
        return new ReaderWait(attempt.ready(), attempt.attempt(), attempt.waitSeconds(), state.tokenSecret(), created);
    }
}
