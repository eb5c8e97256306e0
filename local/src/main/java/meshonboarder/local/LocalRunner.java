package meshonboarder.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import meshonboarder.local.scenario.Catalogue;
import meshonboarder.local.scenario.Scenario;
import meshonboarder.local.scenario.Summary;
import meshonboarder.local.standin.FunctionLogs;
import meshonboarder.local.standin.SimulatedCluster;

/**
 * mesh-onboarder on this machine: the real state machines (run by moto) and the real handlers (in-process)
 * against stand-in clusters, for one scenario of the {@link Catalogue}. Prints each state as it runs, then what the
 * clusters hold; exits 1 when the scenario's expected end state is not reached. The functions' log lines go to
 * {@code local/target/run-local/<scenario>.log}, which it names at the start and the end.
 *
 * <pre>./run-local [--scenario NAME] [--list] [--verbose]</pre>
 */
public final class LocalRunner {

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        quiet(Arrays.asList(args).contains("--verbose"));
        System.exit(run(args, System.out));
    }

    /** The mock servers' logs (java.util.logging) would drown the progress lines; --verbose shows them. */
    public static void quiet(boolean verbose) {
        if (!verbose) {
            Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
            Logger.getLogger("").setLevel(Level.WARNING);
        }
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        Catalogue scenario = Catalogue.SEED;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenario = Catalogue.of(args[++i]);
                case "--verbose" -> verbose = true;
                case "--list" -> {
                    for (Catalogue n : Catalogue.values()) {
                        out.printf("%-15s %s%n", n.flag(), n.description());
                    }
                    return 0;
                }
                default -> {
                    out.println("usage: run-local [--scenario NAME] [--list] [--verbose]");
                    return 2;
                }
            }
        }
        Path root = root();
        Path log = Path.of("local/target/run-local", scenario.flag() + ".log");
        out.println("mesh-onboarder, local run: " + scenario.flag() + " (" + scenario.description() + ")");
        out.println("Real: the state machines (moto runs statemachine/*.asl.json), every handler, every AWS API call "
                + "over HTTP (moto). Simulated: the clusters' API servers (fabric8 mock servers with a stand-in "
                + "control plane), Istio's charts (stand-ins), no data plane.");
        out.println("The functions' log lines (JSON, as Lambda receives them) go to " + log + (verbose ? " and here" : "")
                + ".");
        Map<String, SimulatedCluster> clusters = scenario.standIns();
        try (FunctionLogs.LogFile logs = FunctionLogs.toFile(root.resolve(log), verbose);
             LocalController controller = LocalController.start(root, scenario.parameters(), environment(),
                     clusters::get)) {
            Scenario run = scenario.create(controller, clusters, out);
            long start = System.nanoTime();
            run.run();
            Summary.print(out, clusters.values(), run.deleted());
            out.printf("%nScenario %s finished in %.1f s%n", scenario.flag(), (System.nanoTime() - start) / 1e9);
            List<String> problems = run.problems();
            if (problems.isEmpty()) {
                out.println("Expected end state reached.");
            } else {
                out.println("Expected end state NOT reached:");
                problems.forEach(p -> out.println("  - " + p));
            }
            out.println("The functions' log lines: " + root.relativize(logs.path()));
            return problems.isEmpty() ? 0 : 1;
        } finally {
            clusters.values().forEach(SimulatedCluster::close);
        }
    }

    /** Short loops: the stand-in controllers act within a second or two. */
    public static Map<String, String> environment() {
        return Map.of("POLL_INTERVAL_SECONDS", "1");
    }

    /** The project root: {@code -Dproject.root}, else the working directory or its parent. */
    public static Path root() {
        String given = System.getProperty("project.root");
        Path dir = given != null ? Path.of(given) : Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("template.yaml")) && Files.exists(p.resolve("statemachine"))) {
                return p;
            }
        }
        throw new IllegalStateException("run from the project (no template.yaml above " + dir + ")");
    }
}
