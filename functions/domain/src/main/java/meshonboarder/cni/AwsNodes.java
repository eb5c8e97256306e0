package meshonboarder.cni;

import java.util.Optional;
import java.util.Set;

/** Port: the {@code aws-node} DaemonSet of EKS clusters, the self-managed VPC CNI. */
public interface AwsNodes {

    /** The DaemonSet; empty when the cluster has none (no self-managed VPC CNI). */
    Optional<AwsNode> read(String region, String clusterName);

    /**
     * Turns {@code egress} on in the DaemonSet read as {@code current}: in the {@code aws-node} container and, for
     * the settings the init container reads, in {@code aws-vpc-cni-init}; every other variable, container and field
     * is kept. Conditional on what was read: if anyone changed the DaemonSet since, it is
     * {@link meshonboarder.errors.Transient} and the step is retried from the read.
     */
    void enable(String region, String clusterName, AwsNode current, Set<Egress> egress);
}
