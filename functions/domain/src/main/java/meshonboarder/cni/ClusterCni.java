package meshonboarder.cni;

import java.util.Map;
import meshonboarder.cluster.IpFamily;

/**
 * One cluster's part of {@code $.cni}: what the mesh needs of its CNI and what {@code PatchCniEgress} did.
 *
 * @param peer           false for the cluster being onboarded, true for an existing member (single network)
 * @param kind           how the cluster runs its CNI; null when it runs no VPC CNI (and needs nothing of it)
 * @param version        the CNI version as read (add-on version or image tag); null when unknown
 * @param desiredEnv     variables the {@code aws-node} container must have; empty: the defaults suffice
 * @param desiredInitEnv variables the {@code aws-vpc-cni-init} init container must have
 * @param addonUpdateId  the EKS add-on update to wait for, when a managed add-on was patched
 */
public record ClusterCni(String clusterName, String region, IpFamily ipFamily, boolean peer, CniKind kind,
                         String version, Map<String, String> desiredEnv, Map<String, String> desiredInitEnv,
                         CniOutcome outcome, String addonUpdateId) {

    public ClusterCni {
        desiredEnv = desiredEnv == null ? Map.of() : Map.copyOf(desiredEnv);
        desiredInitEnv = desiredInitEnv == null ? Map.of() : Map.copyOf(desiredInitEnv);
    }

    public boolean patched() {
        return outcome == CniOutcome.PATCHED;
    }
}
