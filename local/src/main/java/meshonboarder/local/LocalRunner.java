package meshonboarder.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.local.standin.FunctionLogs;
import meshonboarder.local.standin.SimulatedCluster;

/**
 * mesh-onboarder on this machine: the real state machines (run by moto) and the real handlers (in-process)
 * against stand-in clusters, for one scenario. Prints each state as it runs, then what the clusters hold;
 * exits 1 when the scenario's expected end state is not reached.
 *
 * <pre>./run-local [--scenario seed|single-network|three-clusters|concurrent|crowd|offboard|bad-input] [--list]</pre>
 */
public final class LocalRunner {

    /** The template's IstioVersion, and the next minor that the reconcile scenario upgrades to. */
    static final String ISTIO_VERSION = "1.30.3";
    static final String NEXT_ISTIO_VERSION = "1.31.0";
    static final String PATCH_ISTIO_VERSION = "1.31.1";

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        quiet(java.util.Arrays.asList(args).contains("--verbose"));
        System.exit(run(args, System.out));
    }

    /** The handlers' and mock servers' logs would drown the progress lines; --verbose shows them. */
    static void quiet(boolean verbose) {
        if (!verbose) {
            FunctionLogs.printWarningsOnly();
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Scenario.Name scenario = Scenario.Name.SEED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenario = Scenario.Name.of(args[++i]);
                case "--verbose" -> { }
                case "--list" -> {
                    for (Scenario.Name n : Scenario.Name.values()) {
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
        out.println("mesh-onboarder, local run: " + scenario.flag() + " (" + scenario.description() + ")");
        out.println("Real: the state machines (moto runs statemachine/*.asl.json), every handler, every AWS API call "
                + "over HTTP (moto). Simulated: the clusters' API servers (fabric8 mock servers with a stand-in "
                + "control plane), Istio's charts (stand-ins), no data plane.");
        Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
        Scenario.clustersOf(scenario).forEach((name, family) ->
                clusters.put(name, new SimulatedCluster(name, family, SimulatedCluster.Behaviour.prompt())));
        try (LocalController controller = LocalController.start(root, parameters(scenario), environment(),
                clusters::get)) {
            Scenario run = new Scenario(scenario, controller, clusters, out);
            long start = System.nanoTime();
            run.run();
            Summary.print(out, clusters.values(), run.deleted());
            out.printf("%nScenario %s finished in %.1f s%n", scenario.flag(), (System.nanoTime() - start) / 1e9);
            List<String> problems = run.problems();
            if (problems.isEmpty()) {
                out.println("Expected end state reached.");
                return 0;
            }
            out.println("Expected end state NOT reached:");
            problems.forEach(p -> out.println("  - " + p));
            return 1;
        } finally {
            clusters.values().forEach(SimulatedCluster::close);
        }
    }

    static Map<String, String> parameters(Scenario.Name scenario) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("MeshMode", scenario == Scenario.Name.SINGLE_NETWORK ? "single-network" : "multi-network");
        // the stand-in charts (named and valued like Istio's), packaged as a chart repository directory
        // in more than one version: the reconcile scenario bumps IstioVersion by one minor, then a patch
        parameters.put("IstioChartRepository", meshonboarder.testing.StandInCharts.shared(ISTIO_VERSION, NEXT_ISTIO_VERSION,
                PATCH_ISTIO_VERSION).toUri().toString());
        return parameters;
    }

    /** Short loops: the stand-in controllers act within a second or two. */
    static Map<String, String> environment() {
        return Map.of("POLL_INTERVAL_SECONDS", "1");
    }

    /** The project root: {@code -Dproject.root}, else the working directory or its parent. */
    static Path root() {
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
