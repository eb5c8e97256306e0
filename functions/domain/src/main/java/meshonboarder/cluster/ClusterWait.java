package meshonboarder.cluster;

import meshonboarder.wait.WaitCheck;

/**
 * One check of the WaitActive loop ({@code $.clusterWait}).
 *
 * @param ready       the cluster is ACTIVE: the loop ends and {@code cluster} replaces {@code $.cluster}
 * @param attempt     checks made so far
 * @param waitSeconds how long the Wait state pauses before the next check
 * @param cluster     the cluster as read by this check
 */
public record ClusterWait(boolean ready, int attempt, int waitSeconds, Cluster cluster) implements WaitCheck {
}
