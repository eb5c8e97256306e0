package meshonboarder.local.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import meshonboarder.local.LocalController;
import meshonboarder.local.LocalRunner;
import meshonboarder.local.Template;
import meshonboarder.local.scenario.Catalogue;
import meshonboarder.local.scenario.Scenario;
import meshonboarder.local.standin.SimulatedCluster;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Cold first invocation: each function in a fresh JVM from its jar alone ({@link ColdStart}), with its template
 * environment, against the local controller and stand-in clusters that the dual-stack scenario has just onboarded,
 * replaying the function's last input; next to a JVM that only starts and exits, the same request to the warm
 * in-process handler, and a fresh JVM whose init also ran the handler's SnapStart priming.
 */
final class ColdStartSection {

    private final Bench bench;
    private final PrintStream out;
    private final PrintStream report;
    private final int runs;
    // the replayed request in the runner's own handlers, warm (milliseconds; -1 when it failed)
    private final Map<String, List<Long>> warm = new LinkedHashMap<>();
    // the same replay in fresh JVMs whose init ran the priming
    private final Map<String, List<ColdStarts.Run>> primed = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    ColdStartSection(Bench bench, int runs) {
        this.bench = bench;
        this.out = bench.out();
        this.report = bench.report();
        this.runs = runs;
    }

    boolean run() throws Exception {
        out.println();
        out.println("Cold first invocations: the dual-stack scenario onboards eks-1 and eks-2 (in-process handlers) ...");
        Map<String, SimulatedCluster> clusters = Catalogue.DUAL_STACK.standIns();
        ColdStarts jvms = new ColdStarts(bench.work().resolve("cold"));
        try (LocalController controller = LocalController.start(bench.root(), Catalogue.DUAL_STACK.parameters(),
                LocalRunner.environment(), clusters::get)) {
            long start = System.nanoTime();
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            Scenario seed = Catalogue.DUAL_STACK.create(controller, clusters, quiet);
            seed.run();
            if (!seed.problems().isEmpty()) {
                out.println("The seed scenario did not reach its end state, no cold figures: " + seed.problems());
                return false;
            }
            out.printf("  seed scenario done in %.1f s%n", (System.nanoTime() - start) / 1e9);
            Template template = controller.template();
            Map<String, String> options = Map.of("JAVA_TOOL_OPTIONS",
                    template.environment(template.resources(Benchmarks.FUNCTION).keySet().iterator().next())
                            .getOrDefault("JAVA_TOOL_OPTIONS", ""));
            List<ColdStarts.Run> baseline = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                baseline.add(jvms.baseline(options));
            }
            out.printf("  baseline JVM: %d runs%n", runs);

            Map<String, List<ColdStarts.Run>> measured = new LinkedHashMap<>();
            replay(controller, jvms, measured); // the onboarding functions, on eks-2 as it was just onboarded
            out.println("  eks-2 is deleted and offboarded (in-process handlers) ...");
            controller.aws().eks(LocalController.REGION).deleteCluster(r -> r.name("eks-2"));
            DescribeExecutionResponse offboard = controller.await(controller.start("OffboardClusterStateMachine",
                    "{\"clusterName\": \"eks-2\", \"region\": \"" + LocalController.REGION + "\"}"), Duration.ofMinutes(5));
            if (offboard.status() != ExecutionStatus.SUCCEEDED) {
                out.println("  offboarding eks-2 ended " + offboard.status() + " " + offboard.error());
            }
            replay(controller, jvms, measured); // the offboarding functions not replayed yet
            print(template, baseline, measured, options);
            return true;
        } finally {
            clusters.values().forEach(SimulatedCluster::close);
        }
    }

    private void print(Template template, List<ColdStarts.Run> baseline, Map<String, List<ColdStarts.Run>> measured,
                       Map<String, String> options) {
        report.println();
        report.println("## Cold first invocation (fresh JVM, no SnapStart)");
        report.println();
        Table table = new Table("function", "package", "JVM start to main ms>", "init ms>", "first request ms>",
                "total ms>", "same request warm ms>", "primed: priming ms>", "primed: first request ms>",
                "first / warm>", "primed first / warm>", "goal>", "outcome");
        table.row("(JVM that only starts)", "-", median(baseline, ColdStarts.Run::toMain), "-", "-",
                median(baseline, ColdStarts.Run::total), "-", "-", "-", "-", "-", "-", outcome(baseline));
        for (String id : template.resources(Benchmarks.FUNCTION).keySet()) {
            List<ColdStarts.Run> r = measured.get(id);
            List<ColdStarts.Run> p = primed.get(id);
            String jar = Path.of(template.properties(id).get("CodeUri").toString()).getFileName().toString();
            if (r == null) {
                table.row(id, jar, "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "not invoked by the scenario");
            } else {
                int goal = Set.of("cluster-steps.jar", "istio-steps.jar").contains(jar) ? 5 : 3;
                String primedRatio = ratio(p, warm.get(id));
                table.row(id, jar, median(r, ColdStarts.Run::toMain), median(r, ColdStarts.Run::init),
                        median(r, ColdStarts.Run::request), median(r, ColdStarts.Run::total), median(warm.get(id)),
                        median(p, ColdStarts.Run::prime), median(p, ColdStarts.Run::request),
                        ratio(r, warm.get(id)), primedRatio, "<= " + goal + (primedRatio.equals("-") ? ""
                                : Double.parseDouble(primedRatio) <= goal ? " met" : " missed"),
                        outcome(r) + (outcome(p).equals("ok") ? "" : ", primed " + outcome(p)));
            }
        }
        table.print(report);
        report.println();
        report.printf("Median of %d run%s each. JVM start to main: from spawning `java` to entering main. Init: "
                + "loading the handler class and running its constructor (SDK clients, settings). First request: "
                + "`handleRequest` with the function's last input of the seed scenario (a re-run: the step finds "
                + "its work done). Total: spawn to exit. Same request warm: that input again to the runner's "
                + "in-process handler, which the scenario has warmed. Primed: another fresh JVM whose init also ran "
                + "the handler's SnapStart priming (`beforeCheckpoint`, as Lambda runs it before the snapshot): "
                + "its priming time, then the same first request. Ratios: median first request over median warm "
                + "request; goal: the AWS-only packages (aws-steps, network-steps, access-steps) <= 3x, cluster-steps "
                + "and istio-steps <= 5x. JAVA_TOOL_OPTIONS `%s` "
                + "as template.yaml sets it.%n", runs, runs == 1 ? "" : "s", options.get("JAVA_TOOL_OPTIONS"));
    }

    /** Replays, in fresh JVMs, every function that has a recorded input and has not been measured yet. */
    private void replay(LocalController controller, ColdStarts jvms, Map<String, List<ColdStarts.Run>> measured)
            throws Exception {
        Template template = controller.template();
        for (String id : template.resources(Benchmarks.FUNCTION).keySet()) {
            byte[] input = controller.lambda().lastInput(id);
            if (measured.containsKey(id) || input == null) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>(template.environment(id));
            env.put("AWS_REGION", LocalController.REGION);
            env.putAll(LocalRunner.environment());
            env.put("AWS_ENDPOINT_URL", controller.lambda().endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", "testing");
            env.put("AWS_SECRET_ACCESS_KEY", "testing");
            // as in Lambda: no profile files and no instance metadata, credentials from the environment only
            env.put("AWS_CONFIG_FILE", bench.work().resolve("cold/no-aws-config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", bench.work().resolve("cold/no-aws-credentials").toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            String handler = template.properties(id).get("Handler").toString();
            Path jar = bench.root().resolve(template.properties(id).get("CodeUri").toString());
            List<ColdStarts.Run> results = new ArrayList<>();
            List<ColdStarts.Run> primedResults = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(jvms.function(id, handler, jar, input, env, false));
                primedResults.add(jvms.function(id, handler, jar, input, env, true));
            }
            measured.put(id, results);
            primed.put(id, primedResults);
            List<Long> warmed = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                warmed.add(warm(controller, id, input));
            }
            warm.put(id, warmed);
            out.printf("  %-32s %6s ms total, first request %s ms, primed %s ms%s%n", id,
                    median(results, ColdStarts.Run::total), median(results, ColdStarts.Run::request),
                    median(primedResults, ColdStarts.Run::request),
                    outcome(results).equals("ok") ? "" : "  " + outcome(results));
        }
    }

    /** The same request to the in-process handler, which the scenario has warmed: through the local Lambda endpoint. */
    private long warm(LocalController controller, String function, byte[] input) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(controller.lambda().endpoint()
                        .resolve("/2015-03-31/functions/" + function + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(input)).build();
        long start = System.nanoTime();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        long millis = (System.nanoTime() - start) / 1_000_000;
        return response.statusCode() == 200 && response.headers().firstValue("X-Amz-Function-Error").isEmpty() ? millis : -1;
    }

    /** Median first request over median warm request, or "-". */
    private static String ratio(List<ColdStarts.Run> runs, List<Long> warm) {
        long[] first = runs == null ? new long[0]
                : runs.stream().mapToLong(ColdStarts.Run::request).filter(v -> v >= 0).sorted().toArray();
        long[] hot = warm == null ? new long[0] : warm.stream().mapToLong(Long::longValue).filter(v -> v >= 0).sorted()
                .toArray();
        if (first.length == 0 || hot.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", first[first.length / 2] / (double) Math.max(1, hot[hot.length / 2]));
    }

    private static String median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).filter(v -> v >= 0).sorted().toArray();
        return sorted.length == 0 ? "failed" : String.format("%,d", sorted[sorted.length / 2]);
    }

    private static String median(List<ColdStarts.Run> runs, ToLongFunction<ColdStarts.Run> metric) {
        long[] values = runs.stream().mapToLong(metric).filter(v -> v >= 0).sorted().toArray();
        return values.length == 0 ? "-" : String.format("%,d", values[values.length / 2]);
    }

    private static String outcome(List<ColdStarts.Run> runs) {
        return runs.stream().map(ColdStarts.Run::error).filter(e -> e != null).findFirst()
                .map(e -> e.startsWith("meshonboarder.errors.") ? e.substring("meshonboarder.errors.".length()) : e)
                .orElse("ok");
    }
}
