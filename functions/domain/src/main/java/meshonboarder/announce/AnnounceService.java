package meshonboarder.announce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import meshonboarder.discovery.OnboardingOutcome;
import meshonboarder.discovery.OnboardingRecords;
import meshonboarder.errors.CaughtError;
import meshonboarder.errors.InvalidInput;
import meshonboarder.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Announce}: reads how the execution went from its state, puts one event on the bus, and tells the
 * state machine how to end. Used by both machines, on success and on failure. An onboarding's end is also written to
 * its cluster's onboarding record, which releases the claim and tells discovery when to try a failed one again.
 */
public final class AnnounceService {

    private static final Logger LOG = LoggerFactory.getLogger(AnnounceService.class);
    /** The status the Maps' Catch writes for a peer that stayed unreachable (PeerUnreached). */
    private static final String UNREACHED = "UNREACHED";

    private final Announcements announcements;
    private final OnboardingRecords records;
    private final String defaultRegion;
    private final Clock clock;

    /** @param defaultRegion the stack's region: a manual input without {@code region} means it */
    public AnnounceService(Announcements announcements, OnboardingRecords records, String defaultRegion, Clock clock) {
        this.announcements = announcements;
        this.records = records;
        this.defaultRegion = defaultRegion;
        this.clock = clock;
    }

    /**
     * @param state the execution state where the announcement is made: at the end, or where a Catch left it, with
     *              the step's error at {@code $.error}
     */
    public Announcement announce(Operation operation, String executionArn, JsonNode state) {
        if (operation == null) {
            throw new InvalidInput("Announce needs operation onboard or offboard.");
        }
        boolean onboard = operation == Operation.ONBOARD;
        Subject subject = Subject.of(state);
        List<String> reached = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (JsonNode result : state.path(onboard ? "exchange" : "removal")) {
            String peer = result.path("peer").path("clusterName").asText();
            (UNREACHED.equals(result.path("status").asText()) ? failed : reached).add(peer);
        }
        List<String> skipped = new ArrayList<>();
        state.path("peers").path("skipped").forEach(s -> skipped.add(s.path("clusterName").asText()));

        Announcement announcement;
        String verb = onboard ? "Onboarding" : "Offboarding";
        CaughtError error = caught(state);
        if (error != null) {
            announcement = new Announcement("Cluster " + verb + " Failed", AnnouncementOutcome.FAILED,
                    verb + " of cluster '" + subject.clusterName + "' failed with " + error.error() + ": "
                            + error.message(),
                    subject.clusterName, subject.region, subject.meshId, reached, failed, skipped, error.error());
        } else if (!failed.isEmpty()) {
            announcement = new Announcement("Cluster " + verb + " Failed", AnnouncementOutcome.PEERS_UNREACHED,
                    "Cluster '" + subject.clusterName + "' could not be " + (onboard ? "peered with " : "removed from ")
                            + failed + "; run the execution again once they are reachable (the others are done).",
                    subject.clusterName, subject.region, subject.meshId, reached, failed, skipped, null);
        } else if (onboard && state.path("sync").path("timedOut").asBoolean(false)) {
            List<String> unsynced = new ArrayList<>();
            state.path("sync").path("unsynced").forEach(p -> unsynced.add(p.path("holder").asText() + " -> "
                    + p.path("subject").asText() + " (" + p.path("status").asText() + ")"));
            announcement = new Announcement("Cluster Onboarding Failed", AnnouncementOutcome.NOT_SYNCED,
                    "Cluster '" + subject.clusterName + "' exchanged remote secrets with every peer, but istiod did "
                            + "not report " + unsynced.size() + " pair(s) synced in time: "
                            + String.join(", ", unsynced.subList(0, Math.min(5, unsynced.size())))
                            + (unsynced.size() > 5 ? " and " + (unsynced.size() - 5) + " more" : "")
                            + ". The reconcile this event starts restarts those holders' istiod and checks again; "
                            + "if a pair stays timeout, that holder's istiod cannot reach the other's API server "
                            + "(docs/operations.md, Reading istiod's view by hand).",
                    subject.clusterName, subject.region, subject.meshId, reached, failed, skipped, null);
        } else {
            announcement = new Announcement(onboard ? "Cluster Onboarded" : "Cluster Offboarded",
                    onboard ? AnnouncementOutcome.ONBOARDED : AnnouncementOutcome.OFFBOARDED,
                    "Cluster '" + subject.clusterName + "' is " + (onboard ? "a member of" : "no longer in") + " mesh "
                            + subject.meshId + (reached.isEmpty() ? "." : ", peers " + reached + "."),
                    subject.clusterName, subject.region, subject.meshId, reached, failed, skipped, null);
        }
        if (onboard && subject.clusterName != null) {
            // before the event: a retry after a failed publish finds the record written and writes nothing again
            records.finish(subject.region != null ? subject.region : defaultRegion, subject.clusterName, executionArn,
                    error == null ? OnboardingOutcome.SUCCEEDED : OnboardingOutcome.FAILED,
                    error == null ? null : error.error(), clock.instant());
        }
        announcements.publish(announcement, executionArn);
        LOG.info("{}: {}", announcement.detailType(), announcement.message());
        return announcement;
    }

    /** The error a Catch left at {@code $.error}; null when the execution got to its end. */
    private static CaughtError caught(JsonNode state) {
        JsonNode error = state.path("error");
        if (!error.isObject()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(error, CaughtError.class);
        } catch (JsonProcessingException notAnError) {
            throw new InvalidInput("Announce found $.error, but not the {Error, Cause} a Catch writes.");
        }
    }

    /** Which cluster the execution was about, from whatever the state holds at the point it stopped. */
    private record Subject(String clusterName, String region, String meshId) {

        static Subject of(JsonNode state) {
            JsonNode cluster = state.path("cluster");
            if (cluster.isObject()) {
                return new Subject(cluster.path("clusterName").asText(null), cluster.path("region").asText(null),
                        cluster.path("meshId").asText(null));
            }
            JsonNode member = state.path("lookup").path("member");
            if (member.isObject()) {
                return new Subject(member.path("clusterName").asText(null), member.path("region").asText(null),
                        member.path("meshId").asText(null));
            }
            // Resolve failed: the state is still the execution input (manual input or event)
            JsonNode detail = state.path("detail");
            JsonNode parameters = detail.path("requestParameters");
            String name = state.path("clusterName").asText(null);
            if (name == null) {
                name = parameters.path("name").asText(null);
            }
            if (name == null && parameters.has("resourceArn")) {
                String arn = parameters.path("resourceArn").asText();
                name = arn.substring(arn.lastIndexOf('/') + 1);
            }
            String region = state.path("region").asText(detail.path("awsRegion").asText(null));
            String mesh = state.path("meshId").asText(null);
            return new Subject(name, region, mesh);
        }
    }
}
