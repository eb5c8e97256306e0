package meshonboarder.local.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import meshonboarder.local.LocalController;

/**
 * Onboarding fan-out: wall time and API calls to onboard one cluster into meshes of 1, 10 and 50 existing peers
 * ({@link FanOut}), after a warm-up onboarding that is not counted.
 */
final class FanOutSection {

    private final Bench bench;
    private final PrintStream out;
    private final PrintStream report;
    private final List<Integer> sizes;
    private final List<FanOut.Result> results = new ArrayList<>();

    FanOutSection(Bench bench, List<Integer> sizes) {
        this.bench = bench;
        this.out = bench.out();
        this.report = bench.report();
        this.sizes = sizes;
    }

    /** Measures every size and prints the tables; false when an onboarding did not end as expected. */
    boolean run() throws Exception {
        boolean ok = true;
        // The runner's first onboarding loads and compiles the handlers in-process: it would make the first size slow.
        out.println();
        out.println("Fan-out warm-up: an onboarding with 1 peer, not counted ...");
        FanOut.Result warmUp = FanOut.run(bench.root(), 1);
        out.printf("  %s in %.1f s%n", warmUp.outcome(), warmUp.seconds());
        for (int n : sizes) {
            out.println();
            out.printf("Fan-out: %s joins a mesh of %d existing peer%s ...%n", FanOut.NEW_CLUSTER, n, n == 1 ? "" : "s");
            FanOut.Result result = FanOut.run(bench.root(), n);
            results.add(result);
            out.printf("  %s in %.1f s (exchange %.1f s), %d AWS calls, %d Kubernetes calls%n", result.outcome(),
                    result.seconds(), result.exchangeSeconds(), result.awsCalls(),
                    result.kubernetesOnNew() + result.kubernetesOnPeers());
            result.problems().forEach(p -> out.println("  problem: " + p));
            ok &= result.problems().isEmpty();
            if (result.footprint().largestBytes() > LocalController.Footprint.MAX_STATE_BYTES
                    || result.footprint().events() > LocalController.Footprint.MAX_EVENTS) {
                out.println("  problem: the onboarding is over a Step Functions quota: " + result.footprint());
                ok = false;
            }
            System.gc();
        }
        report.println();
        report.println("## Onboarding fan-out");
        report.println();
        Table table = new Table("existing peers>", "execution", "wall s>", "exchange s>", "Lambda invocations>",
                "AWS calls>", "Kubernetes calls>", "on new cluster>", "on peers>", "remote secrets in new>",
                "largest state KiB>", "history events>");
        for (FanOut.Result r : results) {
            table.row(r.peers(), r.outcome(), String.format("%.1f", r.seconds()), String.format("%.1f", r.exchangeSeconds()),
                    r.invocations(), r.awsCalls(), r.kubernetesOnNew() + r.kubernetesOnPeers(), r.kubernetesOnNew(),
                    r.kubernetesOnPeers(), r.secretsInNew() + " of " + r.peers(),
                    String.format(Locale.ROOT, "%.1f", r.footprint().largestBytes() / 1024.0), r.footprint().events());
        }
        table.print(report);
        report.println();
        report.println("One run each, after a warm-up onboarding that is not counted (so that no row pays for "
                + "loading the runner's in-process handlers). Wall: the execution's start to stop, waiting loops "
                + "included. Exchange: the ExchangeRemoteSecrets Map state, up to ExchangeConcurrency peers at once. "
                + "AWS calls: the functions' requests (EKS, STS, SSM, Secrets Manager, EC2, EventBridge), without "
                + "Lambda invocations and without the runner's polling of Step Functions. Kubernetes calls: requests "
                + "to the stand-in API servers through their endpoints (handlers and Helm), not the stand-in control "
                + "planes' own; GET (istiod view) are the reads of each istiod's view (its pod list and its "
                + ":15014/metrics through the pod proxy): what WaitMeshSynced adds, a look at the new member and at "
                + "each peer, and one more per holder still syncing. Largest state: the largest input or output of "
                + "any state of the onboarding, and its history events, against Step Functions' quotas of 256 KiB "
                + "and 25,000.");
        report.println();
        Table.counts("AWS calls by operation", results, FanOutSection::peers, FanOut.Result::aws).print(report);
        report.println();
        Table.counts("Kubernetes calls by method", results, FanOutSection::peers, FanOut.Result::kubernetes)
                .print(report);
        report.println();
        return ok;
    }

    /** The sizes measured, for the cost section. */
    List<FanOut.Result> results() {
        return List.copyOf(results);
    }

    private static String peers(FanOut.Result r) {
        return r.peers() + (r.peers() == 1 ? " peer" : " peers");
    }
}
