package meshonboarder.local.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import meshonboarder.local.LocalRunner;
import meshonboarder.local.standin.FunctionLogs;

/**
 * {@code ./bench} (docs/testing.md): figures, not tests (nothing here fails a build). The sections, each its own class:
 * <ol>
 *   <li>{@link MachineSection}: the machine and date the figures hold for;</li>
 *   <li>{@link PackagesSection}: each deployment jar, zipped and unzipped, against Lambda's limit;</li>
 *   <li>{@link ColdStartSection}: each function's cold first invocation in a fresh JVM, unprimed and primed;</li>
 *   <li>{@link FanOutSection}: onboarding one cluster into meshes of 1, 10 and 50 existing peers;</li>
 *   <li>{@link CostSection}: the cost of one onboarding, from the fan-out's measurements;</li>
 *   <li>{@link CrowdSection}: six clusters onboarding at once into an empty mesh;</li>
 *   <li>{@link ReconcileSection}: the reconcile of a healthy mesh of 1, 10 and 50 members.</li>
 * </ol>
 * Prints Markdown tables and writes them to {@code local/target/bench/results.md} and {@code docs/benchmarks.md}
 * ({@link BenchmarksDoc}).
 *
 * <pre>./bench [--peers 1,10,50] [--runs 3] [--only packages,cold,fanout,crowd,reconcile] [--verbose]</pre>
 */
public final class Benchmarks {

    static final String FUNCTION = "AWS::Serverless::Function";
    private static final List<String> SECTIONS = List.of("packages", "cold", "fanout", "crowd", "reconcile");

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        LocalRunner.quiet(Arrays.asList(args).contains("--verbose"));
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws Exception {
        List<Integer> peers = List.of(1, 10, 50);
        int runs = 3;
        Set<String> sections = new LinkedHashSet<>(SECTIONS);
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--peers" -> peers = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> sections = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--verbose" -> verbose = true;
                default -> {
                    out.println("usage: bench [--peers 1,10,50] [--runs 3] [--only " + String.join(",", SECTIONS)
                            + "] [--verbose]");
                    return 2;
                }
            }
        }
        Path root = LocalRunner.root();
        ByteArrayOutputStream results = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(new Tee(out, results), true, StandardCharsets.UTF_8);
        Bench bench = new Bench(root, root.resolve("local/target/bench"), out, report);
        boolean ok = true;
        try (FunctionLogs.LogFile logs = FunctionLogs.toFile(bench.work().resolve("functions.log"), verbose)) {
            out.println("The functions' log lines (JSON, as Lambda receives them) go to " + root.relativize(logs.path())
                    + (verbose ? " and here" : "") + ".");
            MachineSection.print(report);
            if (sections.contains("packages")) {
                new PackagesSection(bench).print();
            }
            if (sections.contains("cold")) {
                ok &= new ColdStartSection(bench, runs).run();
            }
            if (sections.contains("fanout")) {
                FanOutSection fanOut = new FanOutSection(bench, peers);
                ok &= fanOut.run();
                new CostSection(bench).print(fanOut.results());
            }
            if (sections.contains("crowd")) {
                ok &= new CrowdSection(bench).run();
            }
            if (sections.contains("reconcile")) {
                ok &= new ReconcileSection(bench, peers).run();
            }
            report.flush();
            out.println();
            out.println("The functions' log lines: " + root.relativize(logs.path()));
        }
        Path file = bench.work().resolve("results.md");
        Files.write(file, results.toByteArray());
        Path docs = root.resolve("docs/benchmarks.md");
        String fresh = results.toString(StandardCharsets.UTF_8);
        String command = String.join(" ", Stream.concat(Stream.of("./bench"), Arrays.stream(args)).toList());
        // a run of some sections refreshes those and keeps the others, saying which run made which
        Files.writeString(docs, !sections.containsAll(SECTIONS) && Files.exists(docs)
                ? BenchmarksDoc.refreshed(Files.readString(docs), fresh, command)
                : BenchmarksDoc.whole(fresh, command));
        out.println("Tables written to " + root.relativize(docs) + " and " + root.relativize(file));
        return ok ? 0 : 1;
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
