package meshonboarder.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The benchmarks (docs/testing.md): figures, not tests (nothing here fails a build).
 * <ol>
 *   <li><b>Packages</b>: each deployment jar that template.yaml's CodeUri names, zipped and unzipped (Lambda's limit:
 *       250 MB unzipped);</li>
 *   <li><b>Cold first invocation</b>: each function in a fresh JVM from its jar alone ({@link ColdStart}), with its
 *       template environment, against the local controller and stand-in clusters that the seed scenario has just
 *       onboarded, replaying the function's last input; next to a JVM that only starts and exits;</li>
 *   <li><b>Primed first request</b>: the same in a fresh JVM whose init also ran the handler's SnapStart priming
 *       ({@code beforeCheckpoint}), next to the unprimed figure and the warm one;</li>
 *   <li><b>Onboarding fan-out</b>: wall time and API calls to onboard one cluster into meshes of 1, 10 and 50
 *       existing peers ({@link FanOut});</li>
 *   <li><b>Cost per onboarding</b>: from the fan-out's measurements ({@link Cost}), with the figure for a mesh of 50;</li>
 *   <li><b>Crowd</b>: wall time of the {@code crowd} scenario, six clusters onboarding at once into an empty mesh.</li>
 * </ol>
 * Prints Markdown tables and writes them to {@code docs/benchmarks.md} (with a header saying it is generated) and
 * {@code local/target/bench/results.md}.
 *
 * <pre>./bench [--peers 1,10,50] [--runs 3] [--only packages,cold,fanout,crowd] [--verbose]</pre>
 */
public final class Benchmarks {

    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final double MB = 1024.0 * 1024.0;
    private static final long LAMBDA_UNZIPPED_LIMIT = 250L * 1024 * 1024;

    private final Path root;
    private final Path work;
    private final PrintStream out;
    private final PrintStream report;
    // the replayed request in the runner's own handlers, warm (milliseconds; -1 when it failed)
    private final Map<String, List<Long>> warm = new LinkedHashMap<>();
    // the same replay in fresh JVMs whose init ran the priming
    private final Map<String, List<ColdStarts.Run>> primed = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private Benchmarks(Path root, PrintStream out, PrintStream report) {
        this.root = root;
        this.work = root.resolve("local/target/bench");
        this.out = out;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        LocalRunner.quiet(Arrays.asList(args).contains("--verbose"));
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws Exception {
        List<Integer> peers = List.of(1, 10, 50);
        int runs = 3;
        Set<String> sections = new LinkedHashSet<>(List.of("packages", "cold", "fanout", "crowd", "reconcile"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--peers" -> peers = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> sections = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--verbose" -> { }
                default -> {
                    out.println("usage: bench [--peers 1,10,50] [--runs 3] [--only packages,cold,fanout,crowd,reconcile] [--verbose]");
                    return 2;
                }
            }
        }
        Path root = LocalRunner.root();
        ByteArrayOutputStream results = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(new Tee(out, results), true, StandardCharsets.UTF_8);
        Benchmarks bench = new Benchmarks(root, out, report);
        Files.createDirectories(bench.work);
        bench.machine();
        boolean ok = true;
        if (sections.contains("packages")) {
            bench.packages();
        }
        if (sections.contains("cold")) {
            ok &= bench.coldStarts(runs);
        }
        if (sections.contains("fanout")) {
            ok &= bench.fanOut(peers);
        }
        if (sections.contains("crowd")) {
            ok &= bench.crowd();
        }
        if (sections.contains("reconcile")) {
            ok &= bench.healthyReconcile(peers);
        }
        report.flush();
        Path file = bench.work.resolve("results.md");
        Files.write(file, results.toByteArray());
        Path docs = root.resolve("docs/benchmarks.md");
        String fresh = results.toString(StandardCharsets.UTF_8);
        boolean some = !sections.containsAll(List.of("packages", "cold", "fanout", "crowd", "reconcile"));
        // a run of some sections refreshes those and keeps the others, saying which run made which
        Files.writeString(docs, some && Files.exists(docs)
                ? refreshed(Files.readString(docs), fresh, command(args))
                : header(args) + fresh);
        out.println();
        out.println("Tables written to " + root.relativize(docs) + " and " + root.relativize(file));
        return ok ? 0 : 1;
    }

    private static String command(String[] args) {
        return String.join(" ", java.util.stream.Stream.concat(java.util.stream.Stream.of("./bench"),
                Arrays.stream(args)).toList());
    }

    /**
     * {@code old} with the sections of {@code fresh} put in place of those of the same title (new ones at the end),
     * and a line under the old Machine section that says which sections {@code command} refreshed, and when (the
     * first line of the fresh Machine section's date).
     */
    static String refreshed(String old, String fresh, String command) {
        Map<String, String> sections = sections(old);
        Map<String, String> updates = sections(fresh);
        String date = updates.getOrDefault("## Machine", "").lines().filter(l -> l.matches("- \\d{4}-\\d\\d-\\d\\d .*"))
                .findFirst().map(l -> l.substring(2)).orElse("");
        List<String> titles = new ArrayList<>();
        updates.forEach((title, text) -> {
            if (!title.equals("## Machine") && !title.isEmpty()) {
                sections.put(title, text);
                titles.add(title.substring(3));
            }
        });
        sections.computeIfPresent("## Machine", (t, text) -> text.stripTrailing() + "\n- " + date + ": `" + command
                + "` refreshed " + String.join(", ", titles) + "; the other sections are from the run above\n\n");
        return String.join("", sections.values()).stripTrailing() + "\n";
    }

    /** A Markdown text by its "## " sections, in order, each ending in one blank line; the text before the first under "". */
    private static Map<String, String> sections(String text) {
        Map<String, String> sections = new java.util.LinkedHashMap<>();
        String title = "";
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("## ")) {
                sections.put(title, body.toString().stripTrailing() + "\n\n");
                title = line;
                body = new StringBuilder();
            }
            body.append(line).append('\n');
        }
        sections.put(title, body.toString().stripTrailing() + "\n\n");
        return sections;
    }

    /** docs/benchmarks.md is generated: it says so, and how it was made. */
    private static String header(String[] args) {
        String command = command(args);
        return "# Benchmarks\n\n"
                + "Generated by `" + command + "` (`meshonboarder.local.Benchmarks`): do not edit, run `./bench` again. "
                + "Figures, not tests: nothing here fails a build, and they hold for the machine and date below only. "
                + "What each figure means: [testing.md](testing.md#benchmarks).\n\n";
    }

    private void machine() throws IOException {
        report.println("## Machine");
        report.println();
        report.printf("- %s, %d cores (nproc), %s memory, %s %s%n", cpu(), Runtime.getRuntime().availableProcessors(),
                memory(), System.getProperty("os.name"), System.getProperty("os.version"));
        report.printf("- java %s (%s), the same JVM for the runner and the fresh JVMs%n",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"));
        report.printf("- %s%n", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    }

    // ------------------------------------------------------------------------------------------------ packages

    private void packages() throws IOException {
        Template template = Template.read(root.resolve("template.yaml"));
        Map<String, List<String>> functions = new LinkedHashMap<>();
        Map<String, String> architectures = new LinkedHashMap<>();
        template.resources(FUNCTION).keySet().forEach(id -> {
            String jar = template.properties(id).get("CodeUri").toString();
            functions.computeIfAbsent(jar, j -> new ArrayList<>()).add(id);
            architectures.put(jar, String.valueOf(template.properties(id).get("Architectures")).replaceAll("[\\[\\]]", ""));
        });
        report.println();
        report.println("## Deployment packages");
        report.println();
        Table table = new Table("package (CodeUri)", "arch", "functions>", "bytes>", "MB>", "unzipped MB>",
                "of 250 MB>", "classes>", "entries>");
        Table parts = new Table("package", "largest parts (unzipped)", "MB>");
        for (var jar : functions.entrySet()) {
            Path file = root.resolve(jar.getKey());
            if (!Files.exists(file)) {
                table.row(jar.getKey(), architectures.get(jar.getKey()), jar.getValue().size(), "not built");
                continue;
            }
            long unzipped = 0;
            int entries = 0;
            int classes = 0;
            Map<String, Long> byPart = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    if (!entry.isDirectory()) {
                        unzipped += entry.getSize();
                        entries++;
                        classes += entry.getName().endsWith(".class") ? 1 : 0;
                        byPart.merge(part(entry.getName()), entry.getSize(), Long::sum);
                    }
                }
            }
            String name = file.getFileName().toString();
            byPart.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                    .forEach(p -> parts.row(name, p.getKey(), mb(p.getValue())));
            long bytes = Files.size(file);
            table.row(jar.getKey(), architectures.get(jar.getKey()), jar.getValue().size(), String.format("%,d", bytes),
                    mb(bytes), mb(unzipped), String.format("%.0f %%", 100.0 * unzipped / LAMBDA_UNZIPPED_LIMIT),
                    String.format("%,d", classes), String.format("%,d", entries));
        }
        table.print(report);
        report.println();
        report.println("MB = 2^20 bytes; Lambda's limit is 250 MB unzipped (262,144,000 bytes, the sum of the entries). "
                + "Functions that share a CodeUri share its jar.");
        report.println();
        parts.print(report);
    }

    /** What an entry belongs to: its package down to five levels (software/amazon/awssdk/services/ec2), or itself. */
    private static String part(String entry) {
        String[] segments = entry.split("/");
        if (segments.length == 1) {
            return entry;
        }
        return String.join("/", Arrays.copyOf(segments, Math.min(5, segments.length - 1))) + "/";
    }

    // ----------------------------------------------------------------------------------- cold first invocation

    private boolean coldStarts(int runs) throws Exception {
        out.println();
        out.println("Cold first invocations: the dual-stack scenario onboards eks-1 and eks-2 (in-process handlers) ...");
        Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
        Scenario.clustersOf(Scenario.Name.DUAL_STACK).forEach((name, family) ->
                clusters.put(name, new SimulatedCluster(name, family, SimulatedCluster.Behaviour.prompt())));
        ColdStarts jvms = new ColdStarts(work.resolve("cold"));
        try (LocalController controller = LocalController.start(root, LocalRunner.parameters(Scenario.Name.DUAL_STACK),
                LocalRunner.environment(), clusters::get)) {
            long start = System.nanoTime();
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            Scenario seed = new Scenario(Scenario.Name.DUAL_STACK, controller, clusters, quiet);
            seed.run();
            if (!seed.problems().isEmpty()) {
                out.println("The seed scenario did not reach its end state, no cold figures: " + seed.problems());
                return false;
            }
            out.printf("  seed scenario done in %.1f s%n", (System.nanoTime() - start) / 1e9);
            Template template = controller.template();
            Map<String, String> options = Map.of("JAVA_TOOL_OPTIONS",
                    template.environment(template.resources(FUNCTION).keySet().iterator().next())
                            .getOrDefault("JAVA_TOOL_OPTIONS", ""));
            List<ColdStarts.Run> baseline = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                baseline.add(jvms.baseline(options));
            }
            out.printf("  baseline JVM: %d runs%n", runs);

            Map<String, List<ColdStarts.Run>> measured = new LinkedHashMap<>();
            replay(controller, jvms, runs, measured); // the onboarding functions, on eks-2 as it was just onboarded
            out.println("  eks-2 is deleted and offboarded (in-process handlers) ...");
            controller.aws().eks(LocalController.REGION).deleteCluster(r -> r.name("eks-2"));
            DescribeExecutionResponse offboard = controller.await(controller.start("OffboardClusterStateMachine",
                    "{\"clusterName\": \"eks-2\", \"region\": \"" + LocalController.REGION + "\"}"), Duration.ofMinutes(5));
            if (offboard.status() != ExecutionStatus.SUCCEEDED) {
                out.println("  offboarding eks-2 ended " + offboard.status() + " " + offboard.error());
            }
            replay(controller, jvms, runs, measured); // the offboarding functions not replayed yet

            report.println();
            report.println("## Cold first invocation (fresh JVM, no SnapStart)");
            report.println();
            Table table = new Table("function", "package", "JVM start to main ms>", "init ms>", "first request ms>",
                    "total ms>", "same request warm ms>", "primed: priming ms>", "primed: first request ms>",
                    "first / warm>", "primed first / warm>", "goal>", "outcome");
            table.row("(JVM that only starts)", "-", median(baseline, ColdStarts.Run::toMain), "-", "-",
                    median(baseline, ColdStarts.Run::total), "-", "-", "-", "-", "-", "-", outcome(baseline));
            for (String id : template.resources(FUNCTION).keySet()) {
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
            return true;
        } finally {
            clusters.values().forEach(SimulatedCluster::close);
        }
    }

    /** Replays, in fresh JVMs, every function that has a recorded input and has not been measured yet. */
    private void replay(LocalController controller, ColdStarts jvms, int runs,
                        Map<String, List<ColdStarts.Run>> measured) throws Exception {
        Template template = controller.template();
        for (String id : template.resources(FUNCTION).keySet()) {
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
            env.put("AWS_CONFIG_FILE", work.resolve("cold/no-aws-config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("cold/no-aws-credentials").toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            String handler = template.properties(id).get("Handler").toString();
            Path jar = root.resolve(template.properties(id).get("CodeUri").toString());
            List<ColdStarts.Run> results = new ArrayList<>();
            List<ColdStarts.Run> primedResults = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(jvms.function(id, handler, jar, input, env, false));
                primedResults.add(jvms.function(id, handler, jar, input, env, true));
            }
            measured.put(id, results);
            primed.put(id, primedResults);
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                warm.add(warm(controller, id, input));
            }
            this.warm.put(id, warm);
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

    // -------------------------------------------------------------------------------------------------- fan-out

    private boolean fanOut(List<Integer> sizes) throws Exception {
        List<FanOut.Result> results = new ArrayList<>();
        boolean ok = true;
        // The runner's first onboarding loads and compiles the handlers in-process: it would make the first size slow.
        out.println();
        out.println("Fan-out warm-up: an onboarding with 1 peer, not counted ...");
        FanOut.Result warmUp = FanOut.run(root, 1);
        out.printf("  %s in %.1f s%n", warmUp.outcome(), warmUp.seconds());
        for (int n : sizes) {
            out.println();
            out.printf("Fan-out: %s joins a mesh of %d existing peer%s ...%n", FanOut.NEW_CLUSTER, n, n == 1 ? "" : "s");
            FanOut.Result result = FanOut.run(root, n);
            results.add(result);
            out.printf("  %s in %.1f s (exchange %.1f s), %d AWS calls, %d Kubernetes calls%n", result.outcome(),
                    result.seconds(), result.exchangeSeconds(), result.awsCalls(),
                    result.kubernetesOnNew() + result.kubernetesOnPeers());
            result.problems().forEach(p -> out.println("  problem: " + p));
            ok &= result.problems().isEmpty();
            System.gc();
        }
        report.println();
        report.println("## Onboarding fan-out");
        report.println();
        Table table = new Table("existing peers>", "execution", "wall s>", "exchange s>", "Lambda invocations>",
                "AWS calls>", "Kubernetes calls>", "on new cluster>", "on peers>", "remote secrets in new>");
        for (FanOut.Result r : results) {
            table.row(r.peers(), r.outcome(), String.format("%.1f", r.seconds()), String.format("%.1f", r.exchangeSeconds()),
                    r.invocations(), r.awsCalls(), r.kubernetesOnNew() + r.kubernetesOnPeers(), r.kubernetesOnNew(),
                    r.kubernetesOnPeers(), r.secretsInNew() + " of " + r.peers());
        }
        table.print(report);
        report.println();
        report.println("One run each, after a warm-up onboarding that is not counted (so that no row pays for "
                + "loading the runner's in-process handlers). Wall: the execution's start to stop, waiting loops "
                + "included. Exchange: the ExchangeRemoteSecrets Map state, up to ExchangeConcurrency peers at once. "
                + "AWS calls: the functions' requests (EKS, STS, SSM, Secrets Manager, EC2, EventBridge), without "
                + "Lambda invocations and without the runner's polling of Step Functions. Kubernetes calls: requests "
                + "to the stand-in API servers through their endpoints (handlers and Helm), not the stand-in control "
                + "planes' own.");
        report.println();
        detail("AWS calls by operation", results, FanOut.Result::aws);
        detail("Kubernetes calls by method", results, FanOut.Result::kubernetes);
        cost(results);
        return ok;
    }

    /** The cost of one onboarding per mesh size measured, and for a mesh of 50 (extrapolated when not measured). */
    private void cost(List<FanOut.Result> results) {
        Template template = Template.read(root.resolve("template.yaml"));
        List<Cost.Estimate> estimates = new ArrayList<>(results.stream()
                .filter(r -> r.problems().isEmpty()).map(r -> Cost.of(r, template)).toList());
        if (estimates.isEmpty()) {
            return;
        }
        String note = "";
        if (estimates.stream().noneMatch(e -> e.peers() == 50) && estimates.size() >= 2) {
            estimates.add(Cost.extrapolate(estimates, 50));
            note = " The 50-peer row is extrapolated on the line through the two largest measured meshes.";
        }
        report.println("## Cost per onboarding");
        report.println();
        Table table = new Table("existing peers>", "Lambda GB-s>", "invocations>", "state transitions>",
                "billed API calls>", "log KB>", "Lambda $>", "Step Functions $>", "API calls $>", "logs $>", "X-Ray $>",
                "total $>");
        for (Cost.Estimate e : estimates) {
            table.row(e.peers(), String.format(Locale.ROOT, "%.1f", e.gbSeconds()), e.invocations(), e.transitions(),
                    e.billedCalls(), String.format(Locale.ROOT, "%.0f", e.logBytes() / 1024.0), dollars(e.lambda()),
                    dollars(e.stepFunctions()), dollars(e.apiCalls()), dollars(e.logs()), dollars(e.xray()),
                    dollars(e.total()));
        }
        table.print(report);
        report.println();
        report.printf(Locale.ROOT, "Lambda GB-s: each function's invocations during the execution (their durations "
                + "in the runner's warm in-process handlers, against local stand-ins: real EKS and AWS round trips "
                + "take longer) times its MemorySize in template.yaml (%d MB, InstallIstio %d MB); arm64 at $%.10f, "
                + "x86_64 at $%.10f per GB-s, $%.2f per million requests. Step Functions: $%.3f per 1,000 state "
                + "transitions (states entered). Billed API calls: Secrets Manager ($%.2f per 10,000) and EventBridge "
                + "PutEvents ($%.2f per million); EKS, STS, EC2 and SSM standard parameters cost nothing. Logs: the "
                + "functions' JSON lines at $%.2f per GB ingested. X-Ray: one trace. us-east-1 list prices without "
                + "free tier, assumed (local/src/main/java/meshonboarder/local/Cost.java); SnapStart for Java adds "
                + "nothing.%s%n", Cost.memoryMb(template, "ResolveFunction"), Cost.memoryMb(template, "InstallIstioFunction"),
                Cost.LAMBDA_GB_SECOND_ARM64, Cost.LAMBDA_GB_SECOND_X86_64, Cost.LAMBDA_REQUEST * 1e6,
                Cost.STATE_TRANSITION * 1e3, Cost.SECRETS_MANAGER_CALL * 1e4, Cost.EVENTBRIDGE_EVENT * 1e6,
                Cost.LOGS_INGESTED_GB, note);
    }

    private static String dollars(double value) {
        return String.format(Locale.ROOT, "%.5f", value);
    }

    // ---------------------------------------------------------------------------------------------------- crowd

    private boolean crowd() throws Exception {
        out.println();
        out.println("Crowd: eks-1 to eks-6 are created at the same moment into an empty mesh ...");
        Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
        Scenario.clustersOf(Scenario.Name.CROWD).forEach((name, family) ->
                clusters.put(name, new SimulatedCluster(name, family, SimulatedCluster.Behaviour.prompt())));
        try (LocalController controller = LocalController.start(root, LocalRunner.parameters(Scenario.Name.CROWD),
                LocalRunner.environment(), clusters::get)) {
            Scenario crowd = new Scenario(Scenario.Name.CROWD, controller, clusters,
                    new PrintStream(OutputStream.nullOutputStream()));
            crowd.run();
            List<DescribeExecutionResponse> executions = crowd.executions().stream().map(controller::describe).toList();
            List<Double> seconds = executions.stream().filter(e -> e.stopDate() != null)
                    .map(e -> Duration.between(e.startDate(), e.stopDate()).toMillis() / 1000.0).sorted().toList();
            String wall = executions.stream().anyMatch(e -> e.stopDate() == null) ? "-" : String.format("%.1f",
                    Duration.between(executions.stream().map(DescribeExecutionResponse::startDate).min(
                                    java.util.Comparator.naturalOrder()).orElseThrow(),
                            executions.stream().map(DescribeExecutionResponse::stopDate).max(
                                    java.util.Comparator.naturalOrder()).orElseThrow()).toMillis() / 1000.0);
            long succeeded = executions.stream().filter(e -> e.status() == ExecutionStatus.SUCCEEDED).count();
            out.printf("  %d of %d SUCCEEDED, wall %s s%n", succeeded, executions.size(), wall);
            crowd.problems().forEach(p -> out.println("  problem: " + p));
            report.println();
            report.println("## Crowd: six clusters at once into an empty mesh");
            report.println();
            Table table = new Table("clusters>", "executions SUCCEEDED>", "wall s>", "fastest s>", "slowest s>",
                    "Lambda invocations>", "end state");
            table.row(clusters.size(), succeeded + " of " + executions.size(), wall,
                    seconds.isEmpty() ? "-" : String.format("%.1f", seconds.get(0)),
                    seconds.isEmpty() ? "-" : String.format("%.1f", seconds.get(seconds.size() - 1)),
                    controller.lambda().calls().getOrDefault("lambda Invoke", 0L),
                    crowd.problems().isEmpty() ? "reached" : crowd.problems().size() + " problems");
            table.print(report);
            report.println();
            report.println("One run of the `crowd` scenario (docs/local-runner.md): three IPv4 and three IPv6 clusters "
                    + "race for the root CA and the membership. Wall: the first execution's start to the last one's "
                    + "stop, as Step Functions reports them; fastest and slowest: single executions. End state: all "
                    + "SUCCEEDED, one root, 30 remote secrets, no secret material in any state.");
            return crowd.problems().isEmpty();
        } finally {
            clusters.values().forEach(SimulatedCluster::close);
        }
    }

    // ------------------------------------------------------------------------------------------ healthy reconcile

    private boolean healthyReconcile(List<Integer> sizes) throws Exception {
        List<HealthyReconcile.Result> results = new ArrayList<>();
        boolean ok = true;
        for (int n : sizes) {
            out.println();
            out.printf("Reconcile: a healthy mesh of %d member%s (a first run makes it whole, the second is measured) ...%n",
                    n, n == 1 ? "" : "s");
            HealthyReconcile.Result result = HealthyReconcile.run(root, n);
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
                "repair run: largest state KiB>", "repair run: history events>");
        for (HealthyReconcile.Result r : results) {
            table.row(r.members(), r.outcome(), String.format("%.1f", r.seconds()), r.invocations(), r.awsCalls(),
                    String.format("%.1f", (double) r.awsCalls() / r.members()), r.kubernetesCalls(),
                    String.format("%.1f", (double) r.kubernetesCalls() / r.members()),
                    r.writes().isEmpty() ? "none" : String.join(", ", r.writes()),
                    String.format(Locale.ROOT, "%.1f", r.repair().largestBytes() / 1024.0), r.repair().events());
        }
        table.print(report);
        report.println();
        report.println("ReconcileMesh by hand on a mesh whose members, CAs and remote secrets are all in place (a first, "
                + "uncounted run puts them there). Wall: the execution's start to stop. AWS calls: the functions' "
                + "requests and the state machine's own (its event, its metrics), without Lambda invocations and the "
                + "runner's Step Functions calls. Kubernetes calls: requests through the stand-in clusters' endpoints, "
                + "the probes with each reader's own token included. Writes: calls that change something besides the "
                + "run's own event and metrics. Repair run: the first run, which repairs every ordered pair of the "
                + "seeded mesh (as after all reader tokens rotated the same day): its largest state input or output "
                + "and its history events, against Step Functions' quotas of 256 KiB and 25,000.");
        report.println();
        Set<String> keys = new TreeSet<>();
        results.forEach(r -> keys.addAll(r.aws().keySet()));
        List<String> headers = new ArrayList<>(List.of("AWS calls by operation"));
        results.forEach(r -> headers.add(r.members() + (r.members() == 1 ? " member" : " members") + ">"));
        Table detail = new Table(headers.toArray(String[]::new));
        for (String key : keys) {
            List<Object> row = new ArrayList<>(List.of(key));
            results.forEach(r -> row.add(r.aws().getOrDefault(key, 0L)));
            detail.row(row.toArray());
        }
        detail.print(report);
        report.println();
        return ok;
    }

    /** One row per key, one column per mesh size. */
    private void detail(String title, List<FanOut.Result> results,
                        java.util.function.Function<FanOut.Result, Map<String, Long>> counts) {
        Set<String> keys = new TreeSet<>();
        results.forEach(r -> keys.addAll(counts.apply(r).keySet()));
        List<String> headers = new ArrayList<>(List.of(title));
        results.forEach(r -> headers.add(r.peers() + (r.peers() == 1 ? " peer" : " peers") + ">"));
        Table table = new Table(headers.toArray(String[]::new));
        for (String key : keys) {
            List<Object> row = new ArrayList<>(List.of(key));
            results.forEach(r -> row.add(counts.apply(r).getOrDefault(key, 0L)));
            table.row(row.toArray());
        }
        table.print(report);
        report.println();
    }

    // ---------------------------------------------------------------------------------------------- the machine

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MB);
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
