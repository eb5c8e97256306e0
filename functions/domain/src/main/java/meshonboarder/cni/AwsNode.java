package meshonboarder.cni;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The self-managed VPC CNI, the {@code aws-node} DaemonSet in {@code kube-system}, as far as egress goes: what it
 * runs, which egress its containers have on, and how its rollout stands. What {@link AwsNodes} reads.
 *
 * @param image            the {@code aws-node} container's image, or null
 * @param hasInitContainer whether it has the {@code aws-vpc-cni-init} init container
 * @param egressOn         the egress settings that are on: set to a literal true, or on by the CNI's default, in
 *                         {@code aws-node} and, for those the init container reads, in {@code aws-vpc-cni-init}
 * @param resourceVersion  the version read: a write over it is refused if the DaemonSet changed since
 * @param rollout          the DaemonSet controller's status; null before it reported any
 */
public record AwsNode(String image, boolean hasInitContainer, Set<Egress> egressOn, String resourceVersion,
                      Rollout rollout) {

    /**
     * The rollout as the DaemonSet controller reports it.
     *
     * @param generation         the DaemonSet's generation (its template's version)
     * @param observedGeneration the generation the controller has seen
     * @param desired            pods that should run
     * @param updated            pods that run the current template
     * @param ready              pods that are ready
     */
    public record Rollout(long generation, long observedGeneration, int desired, int updated, int ready) {
    }

    public AwsNode {
        egressOn = egressOn.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(egressOn));
    }

    /** The image tag: the CNI version as read, or null. */
    public String version() {
        return CniVersion.tagOf(image);
    }

    /** Whether every egress in {@code needs} is on. */
    public boolean satisfies(Set<Egress> needs) {
        return egressOn.containsAll(needs);
    }

    /**
     * What the rollout still waits for, the way {@code kubectl rollout status} sees it; empty once every scheduled
     * pod runs the current template and is ready.
     */
    public Optional<String> pendingRollout() {
        if (rollout == null || rollout.observedGeneration() < rollout.generation()) {
            return Optional.of("the DaemonSet controller has not yet seen the change");
        }
        if (rollout.updated() < rollout.desired()) {
            return Optional.of(rollout.updated() + " of " + rollout.desired() + " aws-node pods updated");
        }
        if (rollout.ready() < rollout.desired()) {
            return Optional.of(rollout.ready() + " of " + rollout.desired() + " aws-node pods ready");
        }
        return Optional.empty();
    }
}
