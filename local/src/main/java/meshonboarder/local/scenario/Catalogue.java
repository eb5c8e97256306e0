package meshonboarder.local.scenario;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import meshonboarder.cluster.IpFamily;
import meshonboarder.local.LocalController;
import meshonboarder.local.standin.SimulatedCluster;
import meshonboarder.testing.StandInCharts;

/** The scenarios the runner knows ({@code ./run-local --list}); {@code seed} is the default. */
public enum Catalogue {

    SEED("seed", 2, "the AWS post: eks-1 (IPv4, in a single-stack IPv4 VPC) is in mesh1; eks-2 (IPv6) is created "
            + "with the mesh tag and refused until eks-1's VPC has IPv6 CIDRs; then every gateway is dualstack",
            SeedScenario::new),
    DUAL_STACK("dual-stack", 2, "eks-1 (IPv4) is in mesh1; eks-2 (IPv6) is created with the mesh tag; both VPCs "
            + "dual-stack: fully meshed in one go", DualStackScenario::new),
    SINGLE_NETWORK("single-network", 2, "as seed, on a single network: watch eks-1 get ENABLE_V6_EGRESS",
            SingleNetworkScenario::new),
    THREE_CLUSTERS("three-clusters", 3, "eks-1 in mesh1, then eks-2 (IPv6) and eks-3 (IPv4) join one after the other",
            ThreeClustersScenario::new),
    CONCURRENT("concurrent", 3, "eks-1 in mesh1; eks-2 and eks-3 are created at the same moment",
            ConcurrentScenario::new),
    CROWD("crowd", 6, "eks-1 to eks-6 (IPv4 and IPv6) are created at the same moment into an empty mesh",
            CrowdScenario::new),
    OFFBOARD("offboard", 2, "the seed, then eks-2 is deleted: it leaves every peer", OffboardScenario::new),
    BAD_INPUT("bad-input", 2, "an unknown cluster, an untagged one, one of another account: named errors, nothing touched",
            BadInputScenario::new),
    DISCOVERY("discovery", 5, "no events needed: tagged clusters that predate the stack join by the reconcile its deploy "
            + "starts, a lost event by the schedule; a failed onboarding is reported, not looped, until fixed; an event "
            + "and a scheduled run racing for one cluster make one onboarding", DiscoveryScenario::new),
    PEER_DOWN("peer-down", 7, "eks-1 to eks-6 (both families) meshed one after another; eks-2's API server refuses "
            + "mesh-onboarder and eks-7 joins: PEERS_UNREACHED with every reachable peer meshed and no peer's gateway visited "
            + "that its record says is right; eks-2 back, the reconcile its announcement starts completes the mesh",
            PeerDownScenario::new),
    ACCOUNTS("accounts", 3, "eks-1 (IPv4) in the hub's account; eks-2 (IPv6) in a member account in another region, "
            + "its CreateCluster forwarded: meshed end to end under a unique name; eks-3, of an account outside the "
            + "join policy, refused with nothing written; the policy holds new members for approval: eks-2 is denied "
            + "once, then approved", AccountsScenario::new),
    RECONCILE("reconcile", 3, "a mesh of three; faults injected one by one, each repaired by one ReconcileMesh run",
            ReconcileScenario::new),
    LEASE("lease", 3, "a mesh of three and a new IstioVersion; two ReconcileMesh runs started together, then one started "
            + "while the first waits for a slow istiod: one does the work, the other ends ALREADY_RUNNING; a stopped "
            + "run's lease expires", LeaseScenario::new);

    private final String flag;
    private final int clusters;
    private final String description;
    private final Function<Stage, Scenario> script;

    Catalogue(String flag, int clusters, String description, Function<Stage, Scenario> script) {
        this.flag = flag;
        this.clusters = clusters;
        this.description = description;
        this.script = script;
    }

    public String flag() {
        return flag;
    }

    public String description() {
        return description;
    }

    public static Catalogue of(String flag) {
        for (Catalogue scenario : values()) {
            if (scenario.flag.equals(flag)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + flag + "'");
    }

    /** The clusters the scenario needs, {@code eks-1} to {@code eks-N}: odd ones IPv4, even ones IPv6. */
    public Map<String, IpFamily> clusters() {
        Map<String, IpFamily> c = new LinkedHashMap<>();
        for (int i = 1; i <= clusters; i++) {
            c.put("eks-" + i, i % 2 == 1 ? IpFamily.IPV4 : IpFamily.IPV6);
        }
        return c;
    }

    /** A stand-in for each of the scenario's clusters, by name, with a prompt control plane. */
    public Map<String, SimulatedCluster> standIns() {
        Map<String, SimulatedCluster> standIns = new LinkedHashMap<>();
        clusters().forEach((name, family) ->
                standIns.put(name, new SimulatedCluster(name, family, SimulatedCluster.Behaviour.prompt())));
        return standIns;
    }

    /** Every cluster on one network ({@code MeshMode=single-network}) rather than one each. */
    boolean singleNetwork() {
        return this == SINGLE_NETWORK;
    }

    /** The template parameters the scenario deploys with, as {@code sam deploy --parameter-overrides} gives them. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("MeshMode", singleNetwork() ? "single-network" : "multi-network");
        if (this == ACCOUNTS) {
            parameters.put("JoinPolicies", AccountsScenario.JOIN_POLICIES);
        }
        // the stand-in charts (named and valued like Istio's), packaged as a chart repository directory
        // in more than one version: the reconcile scenario bumps IstioVersion by one minor, then a patch
        parameters.put("IstioChartRepository", StandInCharts.shared(IstioDrift.ISTIO_VERSION,
                IstioDrift.NEXT_ISTIO_VERSION, IstioDrift.PATCH_ISTIO_VERSION).toUri().toString());
        return parameters;
    }

    /** The scenario on this controller and these stand-in clusters, printing its progress to {@code out}. */
    public Scenario create(LocalController controller, Map<String, SimulatedCluster> clusters, PrintStream out) {
        return script.apply(new Stage(this, controller, clusters, out));
    }
}
