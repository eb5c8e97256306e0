package meshonboarder.local.scenario;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import meshonboarder.local.LocalController;
import meshonboarder.local.standin.SimulatedCluster;

/**
 * One run of the controller on stand-in clusters: the clusters, what happens to them, and the end state it must
 * reach. Each scenario of the {@link Catalogue} is a subclass that plays its script with the shared {@link Drivers}
 * and checks it with the shared {@link Expectations}; {@link #problems()} lists every way the end state differs from
 * the expected one.
 */
public abstract class Scenario {

    final Stage stage;
    final LocalController controller;
    final PrintStream out;
    final Expectations expect;
    final Drivers drive;

    Scenario(Stage stage) {
        this.stage = stage;
        this.controller = stage.controller();
        this.out = stage.out();
        this.expect = new Expectations(stage);
        this.drive = new Drivers(stage, expect);
    }

    /** Plays the script, then checks the log lines the functions wrote on the way. */
    public final void run() {
        play();
        expect.cleanLogs(logsNameTheMesh());
    }

    /** The script: what happens to the clusters, and the checks of what they hold after each step. */
    abstract void play();

    /** Whether every log line after Resolve names the mesh (not when Resolve found none). */
    boolean logsNameTheMesh() {
        return true;
    }

    SimulatedCluster cluster(String name) {
        return stage.cluster(name);
    }

    public List<String> problems() {
        return expect.problems();
    }

    /** Clusters the scenario deleted from EKS (their stand-ins keep what they held). */
    public Set<String> deleted() {
        return drive.deleted();
    }

    /** The executions the scenario started, in order. */
    public List<String> executions() {
        return stage.executions();
    }
}
