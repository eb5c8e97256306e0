package meshonboarder.cluster;

import meshonboarder.wait.PollPolicy;
import meshonboarder.wait.WaitCheck;

/** The {@code WaitActive} step: one look at the cluster's status; Step Functions loops until it is ACTIVE. */
public final class WaitActiveService {

    private final ResolveService resolve;
    private final PollPolicy poll;

    public WaitActiveService(ResolveService resolve, PollPolicy poll) {
        this.resolve = resolve;
        this.poll = poll;
    }

    public ClusterWait check(Cluster cluster, ClusterWait previous) {
        Cluster current = resolve.refresh(cluster);
        WaitCheck.Attempt attempt = poll.check(previous, current.active(), current.ref(),
                () -> "cluster '" + cluster.clusterName() + "' to become ACTIVE (it is " + current.status() + ")");
        return new ClusterWait(attempt.ready(), attempt.attempt(), attempt.waitSeconds(), current);
    }
}
