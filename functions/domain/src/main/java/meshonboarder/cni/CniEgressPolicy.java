package meshonboarder.cni;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.cluster.IpFamily;
import meshonboarder.cni.EgressDecision.ClusterFamily;
import meshonboarder.cni.EgressDecision.Plan;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.CniTooOld;
import meshonboarder.errors.Ipv6EgressUnavailable;
import meshonboarder.errors.Transient;
import meshonboarder.errors.VpcCniNotFound;
import meshonboarder.mesh.Member;
import meshonboarder.network.MemberNetwork;
import meshonboarder.network.NetworkFacts;
import meshonboarder.network.SubnetFacts;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CNI egress rules that {@link PatchCniEgressService} and {@link EnsureCniEgressService} share: given what each
 * cluster needs ({@link EgressDecision}), read what every one runs, refuse before the first write when a CNI or the
 * platform cannot give it, and write only where the CNI differs. A CNI that is too old or a VPC without IPv6 stops
 * the step with nothing changed; a CNI that is already right is not written (nor restarted), so a second run writes
 * nothing.
 */
final class CniEgressPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(CniEgressPolicy.class);

    private final MeshMode mode;
    private final EksClusters clusters;
    private final VpcCniAddons addons;
    private final AwsNodes awsNodes;

    CniEgressPolicy(MeshMode mode, EksClusters clusters, VpcCniAddons addons, AwsNodes awsNodes) {
        this.mode = mode;
        this.clusters = clusters;
        this.addons = addons;
        this.awsNodes = awsNodes;
    }

    MeshMode mode() {
        return mode;
    }

    /** A cluster to act on: what the mesh needs of it, what it runs, and what is left to set. */
    private record Target(Plan plan, EksCluster eks, InstalledCni installed, Set<Egress> toSet) {

        String name() {
            return plan.cluster().clusterName();
        }

        String region() {
            return plan.cluster().region();
        }
    }

    /** Every member but the one named, with the families their membership records carry. */
    static List<ClusterFamily> others(String clusterName, String region, List<Member> members) {
        return members.stream()
                .filter(m -> !(m.clusterName().equals(clusterName) && m.region().equals(region)))
                .map(m -> new ClusterFamily(m.clusterName(), m.region(), m.ipFamily()))
                .toList();
    }

    /**
     * Brings each planned cluster's CNI to what its plan needs.
     *
     * @param network the subnets to check for V6 egress ({@code $.network}), or null not to check them again
     */
    CniEgress apply(List<Plan> plans, NetworkFacts network) {
        List<String> warnings = new ArrayList<>();
        // what each one runs now (read-only)
        List<Target> inspected = plans.stream().map(p -> inspect(p, warnings)).flatMap(Optional::stream).toList();
        // refuse before any write when a CNI or the platform cannot give what is needed
        List<Target> targets = inspected.stream().map(t -> check(t, network, warnings)).toList();
        // write only where the CNI differs from what is needed
        List<ClusterCni> results = targets.stream().map(this::write).toList();
        // say what changed, and what running pods need to use it
        return report(results, warnings);
    }

    private Optional<Target> inspect(Plan plan, List<String> warnings) {
        ClusterFamily c = plan.cluster();
        Optional<EksCluster> eks = clusters.describe(c.region(), c.clusterName());
        if (eks.isEmpty()) {
            if (!plan.peer()) {
                throw new ClusterNotFound("The EKS cluster '" + c.clusterName() + "' in " + c.region()
                        + " was deleted while it was being onboarded.");
            }
            warnings.add("Peer cluster '" + c.clusterName() + "' in " + c.region() + " is a recorded mesh member but "
                    + "no longer exists in EKS, so its CNI was left alone; offboarding removes it from the mesh.");
            return Optional.empty();
        }
        InstalledCni installed = installed(eks.get());
        return Optional.of(new Target(plan, eks.get(), installed, plan.needs()));
    }

    private InstalledCni installed(EksCluster eks) {
        if (eks.autoMode()) {
            return new InstalledCni.AutoMode();
        }
        Optional<VpcCniAddons.Addon> addon = addons.describe(eks.region(), eks.name());
        if (addon.isPresent()) {
            return new InstalledCni.ManagedAddon(addon.get());
        }
        return awsNodes.read(eks.region(), eks.name())
                .<InstalledCni>map(InstalledCni.SelfManaged::new).orElseGet(InstalledCni.None::new);
    }

    /**
     * The target with what is left to set, once its CNI and platform can give it; throws otherwise.
     *
     * @param network the subnets to check for V6 egress, or null not to check them again
     */
    private Target check(Target t, NetworkFacts network, List<String> warnings) {
        Set<Egress> needs = t.plan().needs();
        if (needs.isEmpty()) {
            return t;
        }
        if (t.installed() instanceof InstalledCni.AutoMode) {
            warnings.add("Cluster '" + t.name() + "' runs EKS Auto Mode, which manages its VPC CNI, so mesh-onboarder "
                    + "changed nothing there although the mesh needs " + variables(needs) + " on it; check that its "
                    + "pods reach the other IP family, or use a multi-network mesh.");
            return t;
        }
        if (t.installed() instanceof InstalledCni.None) {
            throw new VpcCniNotFound("Cluster '" + t.name() + "' runs neither the vpc-cni add-on nor an aws-node "
                    + "DaemonSet, so mesh-onboarder cannot set " + variables(needs) + " there. Install the Amazon VPC "
                    + "CNI (aws eks create-addon --cluster-name " + t.name() + " --addon-name vpc-cni) or use a "
                    + "multi-network mesh, then start onboarding again.");
        }
        Set<Egress> toSet = settable(t, needs, warnings);
        if (network != null && needs.contains(Egress.V6) && t.plan().cluster().ipFamily() == IpFamily.IPV4) {
            checkIpv6Subnets(t, network, warnings);
        }
        if (t.installed() instanceof InstalledCni.SelfManaged s && toSet.stream().anyMatch(Egress::initContainerToo)
                && !s.awsNode().hasInitContainer()) {
            warnings.add("The aws-node DaemonSet of cluster '" + t.name() + "' has no aws-vpc-cni-init init "
                    + "container, so IPv6 forwarding may stay off on its nodes; reinstall the VPC CNI from its "
                    + "official manifest or chart.");
        }
        return new Target(t.plan(), t.eks(), t.installed(), toSet);
    }

    /** {@code needs} less what an older CNI already does on its own; throws when the CNI cannot do one. */
    private static Set<Egress> settable(Target t, Set<Egress> needs, List<String> warnings) {
        Optional<CniVersion> version = CniVersion.parse(t.installed().version());
        if (version.isEmpty()) {
            warnings.add("mesh-onboarder cannot read the VPC CNI version of cluster '" + t.name() + "' ('"
                    + t.installed().version() + "'); " + variables(needs) + " needs "
                    + needs.stream().map(Egress::since).max(Comparator.naturalOrder()).orElseThrow()
                    + " or newer, so check it.");
            return needs;
        }
        Set<Egress> toSet = EnumSet.noneOf(Egress.class);
        for (Egress e : needs) {
            if (e == Egress.V6 && !version.get().olderThan(e.since()) && CniVersion.failsV6EgressOnIpv4Nodes(version.get())) {
                throw new CniTooOld("Cluster '" + t.name() + "' runs VPC CNI " + t.installed().version() + ", whose "
                        + "aws-node fails on any node without an IPv6 address once ENABLE_V6_EGRESS is set (releases "
                        + "before v1.16.3, and v1.17.0; aws/amazon-vpc-cni-k8s pull request 2754 made later ones skip "
                        + "such nodes), so setting it could take nodes down. Nothing was changed. " + upgradeHint(t)
                        + " to v1.16.3 or newer (not v1.17.0), then start onboarding again.");
            }
            if (!version.get().olderThan(e.since())) {
                toSet.add(e);
            } else if (!e.alwaysOnBefore()) {
                throw new CniTooOld("Cluster '" + t.name() + "' runs VPC CNI " + t.installed().version() + ", but "
                        + e.variable() + " needs " + e.since() + " or newer. " + upgradeHint(t)
                        + ", then start onboarding again.");
            }
        }
        return toSet;
    }

    /**
     * V6 egress needs an IPv6 address on every node: with {@code ENABLE_V6_EGRESS} a node without one gets no
     * egress (v1.16.3 and later, v1.17.0 excepted) or a failing aws-node (older releases, refused in
     * {@link #settable}). So every subnet of the cluster must have an IPv6 CIDR.
     */
    private static void checkIpv6Subnets(Target t, NetworkFacts network, List<String> warnings) {
        Optional<MemberNetwork> facts = network.members().stream()
                .filter(m -> m.clusterName().equals(t.name()) && m.region().equals(t.region())).findFirst();
        if (facts.isEmpty()) {
            throw new Ipv6EgressUnavailable("Cluster '" + t.name() + "' needs ENABLE_V6_EGRESS, but GatherNetwork "
                    + "recorded no subnets for it (it joined the mesh meanwhile?); start onboarding again.");
        }
        List<String> without = facts.get().nodeSubnets().stream().filter(s -> !s.hasIpv6())
                .map(SubnetFacts::subnetId).toList();
        if (facts.get().nodeSubnets().isEmpty() || !without.isEmpty()) {
            List<String> listed = facts.get().nodeSubnets().isEmpty() ? t.eks().subnetIds() : without;
            throw new Ipv6EgressUnavailable("Cluster '" + t.name() + "' is IPv4 and needs ENABLE_V6_EGRESS to reach "
                    + "the mesh's IPv6 pods, but its subnets " + listed + " (VPC " + facts.get().vpcId() + ") have "
                    + "no IPv6 CIDR, so nodes there get no IPv6 address and no IPv6 egress. Nothing was changed. Add "
                    + "an IPv6 CIDR to the VPC and to every subnet (aws ec2 associate-vpc-cidr-block "
                    + "--amazon-provided-ipv6-cidr-block, aws ec2 associate-subnet-cidr-block), let the subnets "
                    + "assign IPv6 addresses on launch, replace the nodes, then start onboarding again; or use a "
                    + "multi-network mesh.");
        }
        List<String> noAutoAssign = facts.get().nodeSubnets().stream().filter(s -> !s.assignsIpv6())
                .map(SubnetFacts::subnetId).toList();
        if (!noAutoAssign.isEmpty()) {
            warnings.add("Subnets " + noAutoAssign + " of cluster '" + t.name() + "' do not assign IPv6 addresses "
                    + "on launch, so nodes there get one only if their launch template asks for it. Turn it on (aws "
                    + "ec2 modify-subnet-attribute --assign-ipv6-address-on-creation) and replace those nodes.");
        }
    }

    private ClusterCni write(Target t) {
        if (t.installed() instanceof InstalledCni.AutoMode) {
            LOG.info("{}: EKS Auto Mode manages the CNI, nothing changed", t.name());
            return result(t, CniOutcome.SKIPPED_AUTO_MODE, null);
        }
        if (t.toSet().isEmpty() || t.installed().satisfies(t.toSet())) {
            LOG.info("{}: CNI already has what the mesh needs ({})", t.name(), variables(t.toSet()));
            return result(t, CniOutcome.UNCHANGED, null);
        }
        if (t.installed() instanceof InstalledCni.ManagedAddon m) {
            if (m.addon().busy()) {
                throw new Transient("The vpc-cni add-on of cluster '" + t.name() + "' is " + m.addon().status()
                        + "; the step tries again later.");
            }
            String values = AddonConfiguration.parse(m.addon().configurationValues()).with(t.toSet()).toJson();
            String updateId = addons.update(t.region(), t.name(), m.addon().version(), values);
            LOG.info("{}: vpc-cni add-on updated with {} (update {})", t.name(),
                    variables(t.toSet()), updateId);
            return result(t, CniOutcome.PATCHED, updateId);
        }
        InstalledCni.SelfManaged s = (InstalledCni.SelfManaged) t.installed();
        awsNodes.enable(t.region(), t.name(), s.awsNode(), t.toSet());
        LOG.info("{}: aws-node DaemonSet patched with {}", t.name(), variables(t.toSet()));
        return result(t, CniOutcome.PATCHED, null);
    }

    private CniEgress report(List<ClusterCni> results, List<String> warnings) {
        List<String> changed = results.stream().filter(ClusterCni::patched).map(ClusterCni::clusterName).toList();
        String restartNote = changed.isEmpty() ? null : "The VPC CNI egress changed on " + String.join(", ", changed)
                + ": pods created from now on use it, but running pods keep their network setup until they are "
                + "re-created, so restart the workloads that talk across the mesh (kubectl rollout restart) or "
                + "replace the nodes, as AWS recommends; mesh-onboarder restarted nothing but the CNI.";
        Map<String, Map<String, String>> patchedEnv = new TreeMap<>();
        results.stream().filter(ClusterCni::patched).forEach(c -> patchedEnv.put(c.clusterName(), c.desiredEnv()));
        return new CniEgress(mode.value(), results, changed, patchedEnv, warnings, restartNote);
    }

    private static ClusterCni result(Target t, CniOutcome outcome, String updateId) {
        ClusterFamily c = t.plan().cluster();
        Set<Egress> needs = t.plan().needs();
        return new ClusterCni(c.clusterName(), c.region(), c.ipFamily(), t.plan().peer(), t.installed().kind(),
                t.installed().version(), Egress.env(needs), Egress.initEnv(needs), outcome, updateId);
    }

    private static String upgradeHint(Target t) {
        if (t.installed() instanceof InstalledCni.ManagedAddon) {
            return "Update the add-on (aws eks update-addon --cluster-name " + t.name() + " --addon-name vpc-cni "
                    + "--addon-version <newer version> --resolve-conflicts PRESERVE)";
        }
        return "Upgrade the self-managed VPC CNI (the aws-node DaemonSet in kube-system) to a newer release";
    }

    private static String variables(Set<Egress> needs) {
        return needs.isEmpty() ? "nothing" : needs.stream().map(e -> e.variable() + "=true")
                .collect(Collectors.joining(", "));
    }
}
