package meshonboarder.local.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import meshonboarder.reconcile.ReconcileBounds;

/**
 * Reconcile of a healthy mesh: wall time, API calls and writes of ReconcileMesh on meshes of 1, 10 and 50 members
 * ({@link HealthyReconcile}), and what the first run, which repairs every pair, weighs against Step Functions' quotas.
 */
final class ReconcileSection {

    /** The mesh size the reconciler is designed for (docs/reconciler.md, Limits). */
    private static final int DESIGN_POINT = 200;

    /** ListClusters, as the stand-in names the call. */
    private static final String LIST_CLUSTERS = "eks GET /clusters";

    private final Bench bench;
    private final PrintStream out;
    private final PrintStream report;
    private final List<Integer> sizes;

    ReconcileSection(Bench bench, List<Integer> sizes) {
        this.bench = bench;
        this.out = bench.out();
        this.report = bench.report();
        this.sizes = sizes;
    }

    /** Measures every size and prints the tables; false when a run was not HEALTHY or wrote something. */
    boolean run() throws Exception {
        List<HealthyReconcile.Result> results = new ArrayList<>();
        boolean ok = true;
        for (int n : sizes) {
            out.println();
            out.printf("Reconcile: a healthy mesh of %d member%s (a first run makes it whole, the second is measured) ...%n",
                    n, n == 1 ? "" : "s");
            HealthyReconcile.Result result = HealthyReconcile.run(bench.root(), n);
            results.add(result);
            out.printf("  %s in %.1f s, %d AWS calls, %d Kubernetes calls, writes %s%n", result.outcome(), result.seconds(),
                    result.awsCalls(), result.kubernetesCalls(), result.writes());
            result.problems().forEach(p -> out.println("  problem: " + p));
            ok &= result.problems().isEmpty() && result.writes().isEmpty();
            System.gc();
        }
        report.println();
        report.println("## Reconcile of a healthy mesh");
        report.println();
        Table table = new Table("members>", "outcome", "wall s>", "Lambda invocations>", "AWS calls>",
                "AWS calls per member>", "Kubernetes calls>", "Kubernetes calls per member>", "writes",
                "repair run: outcome", "repair run: wall s>", "repair run: largest state KiB>", "repair run: history events>");
        for (HealthyReconcile.Result r : results) {
            table.row(r.members(), r.outcome(), String.format("%.1f", r.seconds()), r.invocations(), r.awsCalls(),
                    String.format("%.1f", (double) r.awsCalls() / r.members()), r.kubernetesCalls(),
                    String.format("%.1f", (double) r.kubernetesCalls() / r.members()),
                    r.writes().isEmpty() ? "none" : String.join(", ", r.writes()), r.repairOutcome(),
                    String.format("%.1f", r.repairSeconds()),
                    String.format(Locale.ROOT, "%.1f", r.repair().largestBytes() / 1024.0), r.repair().events());
        }
        table.print(report);
        report.println();
        if (results.size() >= 2 && results.get(results.size() - 1).members() < DESIGN_POINT) {
            HealthyReconcile.Result a = results.get(results.size() - 2);
            HealthyReconcile.Result b = results.get(results.size() - 1);
            double k = (double) (DESIGN_POINT - b.members()) / (b.members() - a.members());
            double bytes = b.repair().largestBytes() + k * (b.repair().largestBytes() - a.repair().largestBytes());
            double events = b.repair().events() + k * (b.repair().events() - a.repair().events());
            report.printf(Locale.ROOT, "Not measured at %d members: on the line through the %d- and %d-member repair "
                    + "runs, %.0f KiB of state and %.0f history events (quotas: 256 KiB, 25,000). Both grow linearly "
                    + "past %d members: the rollout stops at %d members a run and the report at 50 sentences a list, "
                    + "so the line runs above the real figure.%n%n", DESIGN_POINT, a.members(), b.members(),
                    bytes / 1024.0, events, ReconcileBounds.UPGRADES_PER_RUN, ReconcileBounds.UPGRADES_PER_RUN);
        }
        report.println("ReconcileMesh by hand on a mesh whose members, CAs and remote secrets are all in place (a first, "
                + "uncounted run puts them there: Istio was installed beforehand on all members but "
                + ReconcileBounds.UPGRADES_PER_RUN + ", as onboarding leaves them, so that this run installs it on "
                + "a full rollout's batch, " + ReconcileBounds.UPGRADES_PER_RUN + " members, the most a run does). Wall: the execution's start to stop. AWS calls: the functions' "
                + "requests and the state machine's own (its event, its metrics), without Lambda invocations and the "
                + "runner's Step Functions calls. Kubernetes calls: requests through the stand-in clusters' endpoints, "
                + "the probes with each reader's own token included; GET (istiod view) are CheckRemoteSecrets' reads "
                + "of each member's istiod view (its pod list and its :15014/metrics through the pod proxy). Writes: calls that change something besides the "
                + "run's own event and metrics. Repair run: the first run, which repairs every ordered pair of the "
                + "seeded mesh (as after all reader tokens rotated the same day) and installs Istio on "
                + ReconcileBounds.UPGRADES_PER_RUN + " members: its outcome, its wall time, its largest state input or "
                + "output and its history events, against Step Functions' quotas of 256 KiB and 25,000.");
        report.println();
        report.println("Discovery, in the same measured runs (one served region, " + HealthyReconcile.OUTSIDERS
                + " clusters in the account outside any mesh):");
        report.println();
        Table discovery = new Table("members>", "clusters in the region>", "ListClusters>",
                "DescribeCluster of clusters that are no member>");
        for (HealthyReconcile.Result r : results) {
            discovery.row(r.members(), r.members() + HealthyReconcile.OUTSIDERS,
                    r.aws().getOrDefault(LIST_CLUSTERS, 0L), r.discoveryDescribed());
        }
        discovery.print(report);
        report.println();
        Table.counts("AWS calls by operation", results,
                r -> r.members() + (r.members() == 1 ? " member" : " members"), HealthyReconcile.Result::aws)
                .print(report);
        report.println();
        Table.counts("Kubernetes calls by method", results,
                r -> r.members() + (r.members() == 1 ? " member" : " members"), HealthyReconcile.Result::kubernetes)
                .print(report);
        report.println();
        return ok;
    }
}
