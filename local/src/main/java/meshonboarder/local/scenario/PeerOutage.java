package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import meshonboarder.json.Json;
import meshonboarder.local.LocalController;
import meshonboarder.local.standin.SimulatedCluster;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A peer lost to mesh-onboarder while a cluster onboards, and back: the exchange with it fails (at once, or once the
 * Retry's attempts are spent) and the Map's Catch records it UNREACHED; the onboarding ends PEERS_UNREACHED, and the
 * other peers are exchanged with. The peer comes back; the Announce step's event, matched against the template's
 * rules as EventBridge would, starts ReconcileMesh (FollowUpRule), and that one run makes the mesh whole.
 */
final class PeerOutage {

    /**
     * How a peer is lost to mesh-onboarder during an onboarding, and how it comes back; {@code error} is what the
     * exchange with it fails with, and {@code retried} whether the state machine's Retry waits for it.
     */
    record Kind(String what, Consumer<SimulatedCluster> begin, Consumer<SimulatedCluster> end, String back,
                String error, boolean retried) {
    }

    /** The peer's access entry is gone: its API server answers 401, AccessDenied, which no Retry matches. */
    static final Kind REFUSES = new Kind("'s API server refuses mesh-onboarder (its access entry is gone)",
            SimulatedCluster::refuseEveryone, SimulatedCluster::answerAgain, " answers again",
            "meshonboarder.errors.AccessDenied", false);

    /**
     * Nobody reaches the peer's API server (a private endpoint, a closed security group, an upgrade): connection
     * refused, Transient, which the Retry of {@link #EXCHANGE_TASK} waits for until its attempts are spent. Refused
     * rather than dropped: a dropped SYN costs each attempt fabric8's connect timeout (10 s, three tries) on top of
     * the Retry's waits, and ends the same way.
     */
    static final Kind OFF_NETWORK = new Kind("'s API server goes off the network (connections refused)",
            SimulatedCluster::offNetwork, SimulatedCluster::backOnNetwork, " is reachable again",
            "meshonboarder.errors.Transient", true);

    /** The onboarding's Task that exchanges with one peer, inside the ExchangeRemoteSecrets Map. */
    static final String EXCHANGE_TASK = "ExchangeRemoteSecrets";

    /**
     * Where an onboarding is when the peer is lost, by default: past InstallIstio (which touches no peer anyway), so
     * that the exchange, the first task of the peer's Map item, is what meets the outage.
     */
    private static final String OUTAGE_FROM = "EnsureReader";

    private final Stage stage;
    private final LocalController controller;
    private final PrintStream out;
    private final Drivers drive;
    private final Expectations expect;

    PeerOutage(Stage stage, Drivers drive, Expectations expect) {
        this.stage = stage;
        this.controller = stage.controller();
        this.out = stage.out();
        this.drive = drive;
        this.expect = expect;
    }

    /** {@code cluster} joins by its CreateCluster event while the outage keeps {@code peer} away; then the repair. */
    void joinWhilePeerDown(String cluster, Kind outage, String peer, String... others) {
        joinWithOutageFrom(OUTAGE_FROM, cluster, outage, peer, others);
    }

    /**
     * The same, with the peer lost from the moment the onboarding enters {@code from}, or (null) before it starts:
     * a peer already down when a cluster joins.
     */
    void joinWithOutageFrom(String from, String cluster, Kind outage, String peer, String... others) {
        drive.createInEks(cluster);
        out.println(from == null ? peer + outage.what() + "; then " + cluster + " is created with the mesh tag:"
                : cluster + " is created with the mesh tag; once its onboarding enters " + from + ", " + peer
                + outage.what() + ":");
        DescribeExecutionResponse onboarding = null;
        long began = System.nanoTime();
        try {
            if (from == null) {
                outage.begin().accept(stage.cluster(peer));
            }
            String arn = drive.startByRule(drive.createEvent(cluster), cluster);
            if (arn != null) {
                if (from != null) {
                    expect.that(controller.awaitEntered(arn, from, Drivers.LIMIT),
                            cluster + "'s onboarding entered " + from);
                    outage.begin().accept(stage.cluster(peer));
                }
                // the Retry's waits alone can reach 195 s (5+10+20+40+60+60, full jitter) before the onboarding goes on
                onboarding = drive.follow(cluster, arn, outage.retried() ? Drivers.LIMIT.multipliedBy(2) : Drivers.LIMIT);
            }
        } finally {
            outage.end().accept(stage.cluster(peer));
        }
        expect.that(onboarding != null && "meshonboarder.errors.PeersUnreached".equals(onboarding.error()),
                cluster + "'s onboarding ends PeersUnreached (was " + (onboarding == null ? null : onboarding.error()) + ")");
        if (onboarding != null) {
            long failures = exchangeFailures(onboarding.executionArn(), peer, outage.error());
            int attempts = outage.retried() ? 1 + transientRetries(Drivers.ONBOARD, EXCHANGE_TASK) : 1;
            out.printf("  %-6s : the exchange with %s failed %d time%s with %s; the onboarding took %.0f s%n", cluster,
                    peer, failures, failures == 1 ? "" : "s", outage.error(), (System.nanoTime() - began) / 1e9);
            expect.that(failures == attempts, "the exchange with " + peer + " failed " + attempts + " times with "
                    + outage.error() + (outage.retried() ? " (the Retry's attempts spent)" : " (not retried)")
                    + ", not " + failures);
        }
        expect.that(!Summary.remoteSecrets(stage.cluster(peer)).contains(cluster), peer + " does not hold " + cluster + " yet");
        for (String other : others) {
            expect.that(Summary.remoteSecrets(stage.cluster(other)).contains(cluster), other + " holds " + cluster);
        }
        out.println(peer + outage.back() + "; the onboarding's announcement goes to EventBridge:");
        String announcement = announcedEvent("Cluster Onboarding Failed", cluster);
        expect.that(announcement != null && peersFailed(announcement).equals(List.of(peer)),
                "the announcement names " + peer + " as the one peer failed");
        DescribeExecutionResponse reconcile = announcement == null ? null : drive.startByEvent(announcement, "mesh1");
        expect.status("ReconcileMesh (peers unreached)", reconcile, ExecutionStatus.SUCCEEDED);
        expect.outcome(reconcile, "REPAIRED");
        // both ways: the exchange wrote neither the cluster into the peer nor the peer into the cluster
        expect.repaired(reconcile, "remote secret of " + cluster + " rewritten (MISSING in " + peer + ")");
        expect.repaired(reconcile, "remote secret of " + peer + " rewritten (MISSING in " + cluster + ")");
        List<String> mesh = new ArrayList<>(List.of(others));
        mesh.add(peer);
        mesh.add(cluster);
        expect.fullMesh(mesh.toArray(String[]::new));
    }

    private static List<String> peersFailed(String event) {
        try {
            List<String> failed = new ArrayList<>();
            Json.MAPPER.readTree(event).path("detail").path("peersFailed").forEach(p -> failed.add(p.asText()));
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times the execution's exchange with the peer failed with that error, from the functions' log lines. */
    private long exchangeFailures(String executionArn, String peer, String error) {
        String failed = "ExchangeRemoteSecrets failed with " + error.substring(error.lastIndexOf('.') + 1) + ": ";
        return controller.lambda().logLines().stream().filter(line -> {
            try {
                JsonNode json = Json.MAPPER.readTree(line);
                String message = json.path("message").asText();
                return executionArn.equals(json.path("executionArn").asText()) && message.startsWith(failed)
                        && message.contains("mesh1/" + peer);
            } catch (IOException e) {
                return false;
            }
        }).count();
    }

    /** MaxAttempts of the task's Retry for meshonboarder.errors.Transient, in the state machine as deployed. */
    private int transientRetries(String stateMachine, String task) {
        try {
            JsonNode definition = Json.MAPPER.readTree(controller.definition(stateMachine));
            JsonNode state = definition.findValues(task).stream().filter(n -> n.has("Retry")).findFirst().orElseThrow();
            for (JsonNode retrier : state.path("Retry")) {
                for (JsonNode error : retrier.path("ErrorEquals")) {
                    if ("meshonboarder.errors.Transient".equals(error.asText())) {
                        return retrier.path("MaxAttempts").asInt(3); // the ASL's default is 3
                    }
                }
            }
            throw new IllegalStateException(task + " of " + stateMachine + " does not retry meshonboarder.errors.Transient");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event EventBridge delivers for the Announce step's PutEvents entry of that detail type about that
     * cluster: the entry in EventBridge's envelope (source, detail-type, detail as JSON, account, region, time).
     */
    private String announcedEvent(String detailType, String cluster) {
        try {
            for (String request : controller.lambda().putEvents()) {
                for (JsonNode entry : Json.MAPPER.readTree(request).path("Entries")) {
                    JsonNode detail = Json.MAPPER.readTree(entry.path("Detail").asText());
                    if (detailType.equals(entry.path("DetailType").asText())
                            && cluster.equals(detail.path("clusterName").asText())) {
                        return Drivers.delivered(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        expect.problem("no '" + detailType + "' event about " + cluster + " was put on the bus");
        return null;
    }
}
