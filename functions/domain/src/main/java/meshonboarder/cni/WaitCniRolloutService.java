package meshonboarder.cni;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import meshonboarder.cluster.Cluster;
import meshonboarder.cni.CniRollout.Pending;
import meshonboarder.errors.CniUpdateFailed;
import meshonboarder.errors.VpcCniNotFound;
import meshonboarder.wait.PollPolicy;
import meshonboarder.wait.WaitCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code WaitCniRollout} step: one look at every CNI that {@code PatchCniEgress} changed; Step Functions
 * loops until all have rolled out. A managed add-on is done when its EKS update succeeded, the add-on is ACTIVE
 * and its {@code aws-node} pods run the new template; a self-managed CNI when its pods do. Read-only.
 */
public final class WaitCniRolloutService {

    private static final Logger LOG = LoggerFactory.getLogger(WaitCniRolloutService.class);

    private final VpcCniAddons addons;
    private final AwsNodes awsNodes;
    private final PollPolicy poll;

    public WaitCniRolloutService(VpcCniAddons addons, AwsNodes awsNodes, PollPolicy poll) {
        this.addons = addons;
        this.awsNodes = awsNodes;
        this.poll = poll;
    }

    public CniRollout check(Cluster cluster, CniEgress cni, CniRollout previous) {
        List<Pending> pending = cni.clusters().stream().filter(ClusterCni::patched)
                .map(this::pending).flatMap(Optional::stream).toList();
        WaitCheck.Attempt attempt = poll.check(previous, pending.isEmpty(), cluster.ref(),
                () -> "the VPC CNI to roll out (" + pending.stream().map(p -> p.clusterName() + ": " + p.waitingFor())
                        .collect(Collectors.joining("; ")) + ")");
        if (attempt.ready()) {
            LOG.info("CNI rolled out on {}", cni.changedClusters());
        }
        return new CniRollout(attempt.ready(), attempt.attempt(), attempt.waitSeconds(), pending);
    }

    private Optional<Pending> pending(ClusterCni c) {
        if (c.kind() == CniKind.MANAGED_ADDON) {
            Optional<String> addon = addonPending(c);
            if (addon.isPresent()) {
                return addon.map(why -> new Pending(c.clusterName(), c.region(), why));
            }
        }
        AwsNode awsNode = awsNodes.read(c.region(), c.clusterName())
                .orElseThrow(() -> new VpcCniNotFound("The aws-node DaemonSet of cluster '" + c.clusterName()
                        + "' was deleted while its egress change rolled out. Reinstall the VPC CNI, then start "
                        + "onboarding again."));
        return awsNode.pendingRollout().map(why -> new Pending(c.clusterName(), c.region(), why));
    }

    /** What the EKS side of a managed add-on still waits for; throws when EKS says it failed. */
    private Optional<String> addonPending(ClusterCni c) {
        if (c.addonUpdateId() != null) {
            VpcCniAddons.Update update = addons.describeUpdate(c.region(), c.clusterName(), c.addonUpdateId());
            if (update.failed()) {
                throw new CniUpdateFailed("EKS update " + update.id() + " of the vpc-cni add-on of cluster '"
                        + c.clusterName() + "' ended " + update.status() + " (" + String.join("; ", update.errors())
                        + "). Fix the cause (aws eks describe-update --name " + c.clusterName() + " --addon-name "
                        + "vpc-cni --update-id " + update.id() + "), then start onboarding again.");
            }
            if (!update.successful()) {
                return Optional.of("add-on update " + update.id() + " is " + update.status());
            }
        }
        VpcCniAddons.Addon addon = addons.describe(c.region(), c.clusterName())
                .orElseThrow(() -> new VpcCniNotFound("The vpc-cni add-on of cluster '" + c.clusterName()
                        + "' was removed while its egress change rolled out. Reinstall it, then start onboarding "
                        + "again."));
        if (addon.updateFailed()) {
            throw new CniUpdateFailed("The vpc-cni add-on of cluster '" + c.clusterName() + "' is UPDATE_FAILED. "
                    + "See its health issues (aws eks describe-addon --cluster-name " + c.clusterName()
                    + " --addon-name vpc-cni), fix them, then start onboarding again.");
        }
        return addon.active() ? Optional.empty() : Optional.of("add-on is " + addon.status());
    }
}
