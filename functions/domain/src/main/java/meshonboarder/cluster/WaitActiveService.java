package meshonboarder.cluster;

import meshonboarder.wait.PollPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code WaitActive} step: one look at the cluster's status; Step Functions loops until it is ACTIVE. */
public final class WaitActiveService {

    private static final Logger LOG = LoggerFactory.getLogger(WaitActiveService.class);

    private final ResolveService resolve;
    private final PollPolicy poll;

    public WaitActiveService(ResolveService resolve, PollPolicy poll) {
        this.resolve = resolve;
        this.poll = poll;
    }

    public ClusterWait check(Cluster cluster, ClusterWait previous) {
        int previousAttempt = previous == null ? 0 : previous.attempt();
        Cluster current = resolve.refresh(cluster);
        if (current.active()) {
            return new ClusterWait(true, previousAttempt + 1, poll.intervalSeconds(), current);
        }
        int attempt = poll.next(previousAttempt, "cluster '" + cluster.clusterName() + "' to become ACTIVE (it is "
                + current.status() + ")");
        LOG.info("[{}] cluster is {}, checking again in {} s (attempt {} of {})", current.ref(), current.status(),
                poll.intervalSeconds(), attempt, poll.maxAttempts());
        return new ClusterWait(false, attempt, poll.intervalSeconds(), current);
    }
}
