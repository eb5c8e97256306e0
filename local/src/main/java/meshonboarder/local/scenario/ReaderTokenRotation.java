package meshonboarder.local.scenario;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.kubernetes.remote.ReaderObjects;
import meshonboarder.local.LocalController;
import meshonboarder.local.standin.SimulatedCluster;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * Reader token rotation: ReaderTokenRotationDays is lowered for one run (a stack update), so that every member's
 * token is due. While that run goes on, every remote secret's token must be accepted by its cluster at every
 * look ({@link TokenWatch}); after it, every peer holds the new token and the old one is refused (its Secret
 * deleted). The parameter then goes back to its default.
 */
final class ReaderTokenRotation {

    /** ReaderTokenRotationDays for the one rotating run: about 17 seconds, shorter than any token's age by then. */
    private static final String SHORT_ROTATION_DAYS = "0.0002";

    private final Stage stage;
    private final LocalController controller;
    private final PrintStream out;
    private final Drivers drive;
    private final Expectations expect;

    ReaderTokenRotation(Stage stage, Drivers drive, Expectations expect) {
        this.stage = stage;
        this.controller = stage.controller();
        this.out = stage.out();
        this.drive = drive;
        this.expect = expect;
    }

    void rotate(String... mesh) {
        out.println("fault: every reader token is older than ReaderTokenRotationDays (lowered to " + SHORT_ROTATION_DAYS
                + " days for one run)");
        Map<String, String> oldTokens = new LinkedHashMap<>();
        for (String subject : mesh) {
            String other = Arrays.stream(mesh).filter(n -> !n.equals(subject)).findFirst().orElseThrow();
            oldTokens.put(subject, TokenWatch.heldToken(stage.cluster(other), subject));
        }
        awaitTokensOlderThan(Duration.ofMillis(Math.round(Double.parseDouble(SHORT_ROTATION_DAYS) * 86_400_000)), mesh);
        controller.updateParameters(Map.of("ReaderTokenRotationDays", SHORT_ROTATION_DAYS));
        DescribeExecutionResponse run;
        try (TokenWatch watch = new TokenWatch(stage.clusters(), List.of(mesh))) {
            run = drive.reconcile(Drivers.MESH1);
            watch.close();
            out.println("  tokens : " + watch.looks() + " looks at every remote secret during the run; refused: "
                    + watch.refused());
            expect.that(watch.looks() > 10 && watch.refused().isEmpty(), "every remote secret's token was accepted at "
                    + "each of " + watch.looks() + " looks during the rotation (refused: " + watch.refused() + ")");
        } finally {
            controller.updateParameters(Map.of("ReaderTokenRotationDays",
                    controller.template().parameterDefinitions().get("ReaderTokenRotationDays").get("Default").toString()));
        }
        expect.outcome(run, "REPAIRED");
        for (String subject : mesh) {
            SimulatedCluster cluster = stage.cluster(subject);
            cluster.refreshTokens();
            expect.that(run != null && run.output() != null && run.output().contains("reader token of " + subject
                    + " rotated"), "the report names the rotation of " + subject + "'s reader token");
            expect.that(cluster.client().secrets().inNamespace("istio-system").withName(ReaderObjects.TOKEN_SECRET)
                    .get() == null, subject + "'s old reader token Secret is deleted");
            expect.that(oldTokens.get(subject) != null && !cluster.authenticates(oldTokens.get(subject)),
                    subject + "'s API server refuses the old reader token");
            for (String holder : mesh) {
                String held = holder.equals(subject) ? null : TokenWatch.heldToken(stage.cluster(holder), subject);
                expect.that(holder.equals(subject) || (held != null && !held.equals(oldTokens.get(subject))
                        && cluster.authenticates(held)), holder + " holds " + subject + "'s new reader token, and it works");
            }
        }
        expect.fullMesh(mesh);
    }

    /** Waits until every member's reader token Secret is older than {@code age} (the API server sets its age). */
    private void awaitTokensOlderThan(Duration age, String... names) {
        Instant youngest = Instant.EPOCH;
        for (String n : names) {
            for (Secret secret : stage.cluster(n).secrets("istio-system")) {
                if (ReaderObjects.isReaderToken(secret)) {
                    Instant created = Instant.parse(secret.getMetadata().getCreationTimestamp());
                    youngest = created.isAfter(youngest) ? created : youngest;
                }
            }
        }
        long wait = Duration.between(Instant.now(), youngest.plus(age).plusSeconds(1)).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
