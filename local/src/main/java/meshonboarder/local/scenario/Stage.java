package meshonboarder.local.scenario;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import meshonboarder.local.LocalController;
import meshonboarder.local.standin.SimulatedCluster;

/**
 * What a scenario plays on: its entry in the catalogue, the controller, the stand-in clusters and where it prints; and
 * the executions it started, which the checks of state and logs read.
 */
final class Stage {

    private final Catalogue scenario;
    private final LocalController controller;
    private final Map<String, SimulatedCluster> clusters;
    private final PrintStream out;
    private final List<String> executions = Collections.synchronizedList(new ArrayList<>());

    Stage(Catalogue scenario, LocalController controller, Map<String, SimulatedCluster> clusters, PrintStream out) {
        this.scenario = scenario;
        this.controller = controller;
        this.clusters = clusters;
        this.out = out;
    }

    Catalogue scenario() {
        return scenario;
    }

    LocalController controller() {
        return controller;
    }

    SimulatedCluster cluster(String name) {
        return clusters.get(name);
    }

    Map<String, SimulatedCluster> clusters() {
        return clusters;
    }

    PrintStream out() {
        return out;
    }

    /** Starts an execution of the template's state machine and records it. */
    String start(String stateMachine, String input) {
        String arn = controller.start(stateMachine, input);
        executions.add(arn);
        return arn;
    }

    /** Records an execution that a state machine started (discovery's onboardings), so the checks read it too. */
    void adopt(String executionArn) {
        if (!executions.contains(executionArn)) {
            executions.add(executionArn);
        }
    }

    /** The executions started so far, in order. */
    List<String> executions() {
        synchronized (executions) {
            return List.copyOf(executions);
        }
    }
}
