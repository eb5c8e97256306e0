package meshonboarder.local.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import meshonboarder.local.LocalController;
import meshonboarder.local.LocalRunner;
import meshonboarder.local.scenario.Catalogue;
import meshonboarder.local.scenario.Scenario;
import meshonboarder.local.standin.SimulatedCluster;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Crowd: the wall time of the {@code crowd} scenario, six clusters onboarding at once into an empty mesh. */
final class CrowdSection {

    private final Bench bench;
    private final PrintStream out;
    private final PrintStream report;

    CrowdSection(Bench bench) {
        this.bench = bench;
        this.out = bench.out();
        this.report = bench.report();
    }

    /** Runs the scenario and prints its row; false when it did not reach its end state. */
    boolean run() throws Exception {
        out.println();
        out.println("Crowd: eks-1 to eks-6 are created at the same moment into an empty mesh ...");
        Map<String, SimulatedCluster> clusters = Catalogue.CROWD.standIns();
        try (LocalController controller = LocalController.start(bench.root(), Catalogue.CROWD.parameters(),
                LocalRunner.environment(), clusters::get)) {
            Scenario crowd = Catalogue.CROWD.create(controller, clusters, new PrintStream(OutputStream.nullOutputStream()));
            crowd.run();
            List<DescribeExecutionResponse> executions = crowd.executions().stream().map(controller::describe).toList();
            List<Double> seconds = executions.stream().filter(e -> e.stopDate() != null)
                    .map(e -> Duration.between(e.startDate(), e.stopDate()).toMillis() / 1000.0).sorted().toList();
            String wall = executions.stream().anyMatch(e -> e.stopDate() == null) ? "-" : String.format("%.1f",
                    Duration.between(executions.stream().map(DescribeExecutionResponse::startDate)
                                    .min(Comparator.naturalOrder()).orElseThrow(),
                            executions.stream().map(DescribeExecutionResponse::stopDate)
                                    .max(Comparator.naturalOrder()).orElseThrow()).toMillis() / 1000.0);
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
}
