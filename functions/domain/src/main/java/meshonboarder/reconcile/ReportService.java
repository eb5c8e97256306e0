package meshonboarder.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import meshonboarder.istio.IstioRemoval;
import meshonboarder.mesh.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Report}: what one reconcile run of a mesh did and what is still broken, from the results the state
 * machine gathered; plus the metrics per mesh (members, broken pairs, days until the first CA expires).
 */
public final class ReportService {

    public static final String NAMESPACE = "MeshOnboarder";
    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

    private final Clock clock;
    private final int rootWarningDays;

    /** @param rootWarningDays a root CA expiring within this many days is reported as a warning */
    public ReportService(Clock clock, int rootWarningDays) {
        this.clock = clock;
        this.rootWarningDays = rootWarningDays;
    }

    /**
     * @param departures    items of {@code $.departures}: the departure with {@code retirement}, or with {@code error}
     * @param ensured       items of {@code $.ensured}: a member's {@code access} (GrantAccess) and {@code cni}
     *                      (EnsureCniEgress's clusters), or with {@code error}
     * @param cas           items of {@code $.cas}: EnsureCa's outcomes per member, or the member with {@code error}
     * @param repaired      items of {@code $.repaired}: a {@link SecretRepairResult}, or the subject's name with
     *                      {@code error}; its holders are those of {@code remoteSecrets.repairs}
     * @param rotations     items of {@code $.rotations}: the member with its {@link TokenRotation}, or with
     *                      {@code error}
     * @param revocations   items of {@code $.revocations}: a {@link TokenRevocation}, or the cluster with
     *                      {@code error}
     */
    public ReconcileReport report(Membership membership, List<JsonNode> departures, List<JsonNode> ensured,
                                  List<JsonNode> cas, RemoteSecretsCheck remoteSecrets, List<JsonNode> repaired,
                                  List<JsonNode> rotations, List<JsonNode> revocations) {
        return report(membership, departures, ensured, cas, remoteSecrets, repaired, rotations, revocations, null, null);
    }

    /**
     * @param istio        {@code $.istio}: CheckIstio's rollout list and refusals; null when not checked
     * @param istioRollout {@code $.istioRollout}: {@code {upgraded: [...]}}, or the Map's {@code Error} and
     *                     {@code Cause} when the rollout stopped at a member
     */
    public ReconcileReport report(Membership membership, List<JsonNode> departures, List<JsonNode> ensured,
                                  List<JsonNode> cas, RemoteSecretsCheck remoteSecrets, List<JsonNode> repaired,
                                  List<JsonNode> rotations, List<JsonNode> revocations, IstioCheck istio,
                                  JsonNode istioRollout) {
        String meshId = membership.meshId();
        List<String> repairs = new ArrayList<>();
        List<String> stillBroken = new ArrayList<>();
        Set<String> brokenPairs = new TreeSet<>();

        for (JsonNode d : orEmpty(departures)) {
            String name = d.path("departure").path("member").path("clusterName").asText();
            String reason = d.path("departure").path("reason").asText();
            if (d.path("retirement").path("retired").asBoolean(false)) {
                repairs.add(name + " left the mesh (" + reason + "): its remote secrets removed, membership and "
                        + "intermediate CA retired");
            } else if (d.has("retirement")) {
                stillBroken.add(name + " is leaving the mesh (" + reason + ") but " + d.path("retirement")
                        .path("reason").asText());
            } else {
                stillBroken.add(name + " is leaving the mesh (" + reason + ") but failed: " + errorOf(d));
            }
            istioRemoval(name, d.path("departure").path("istioRemoval"), repairs, stillBroken);
        }
        ensuredMembers(ensured, repairs, stillBroken);
        for (JsonNode ca : orEmpty(cas)) {
            String name = ca.path("clusterName").asText();
            if (ca.has("error")) {
                stillBroken.add("the CA of " + name + " could not be ensured: " + errorOf(ca));
            } else if ("ISSUED".equals(ca.path("intermediateOutcome").asText())) {
                repairs.add("intermediate CA of " + name + " re-issued (valid until " + ca.path("intermediateNotAfter")
                        .asText() + "), cacerts " + ca.path("cacerts").asText());
            } else if (!"UNCHANGED".equals(ca.path("cacerts").asText())) {
                repairs.add("cacerts of " + name + " " + ca.path("cacerts").asText());
            }
        }
        Map<String, SecretRepair> asked = new LinkedHashMap<>();
        remoteSecrets.repairs().forEach(a -> asked.put(a.subject().clusterName(), a));
        for (JsonNode r : orEmpty(repaired)) {
            secretRepair(r, asked, membership.members().size(), repairs, stillBroken, brokenPairs);
        }
        tokenRotations(rotations, revocations, repairs, stillBroken);
        for (RemoteSecretsCheck.Unreachable u : remoteSecrets.unreachable()) {
            stillBroken.add(u.clusterName() + " could not be checked: " + u.reason());
            for (Member m : membership.members()) {
                if (!m.clusterName().equals(u.clusterName())) {
                    brokenPairs.add(u.clusterName() + " holds " + m.clusterName());
                    brokenPairs.add(m.clusterName() + " holds " + u.clusterName());
                }
            }
        }

        istioRollout(istio, istioRollout, repairs, stillBroken);

        Instant now = clock.instant();
        Integer days = null;
        String first = null;
        var earliest = remoteSecrets.cas().stream()
                .flatMap(ca -> java.util.stream.Stream.of(
                        new Expiry(ca.clusterName() + " intermediate", ca.intermediateNotAfter()),
                        new Expiry("root (via " + ca.clusterName() + ")", ca.rootNotAfter())))
                .filter(e -> e.notAfter() != null)
                .min(Comparator.comparing(Expiry::notAfter));
        if (earliest.isPresent()) {
            days = (int) Duration.between(now, earliest.get().notAfter()).toDays();
            first = earliest.get().what();
        }

        List<String> warnings = new ArrayList<>();
        remoteSecrets.cas().stream().map(MemberView.CaValidity::rootNotAfter).filter(java.util.Objects::nonNull)
                .distinct().sorted().findFirst()
                .filter(root -> root.isBefore(now.plus(Duration.ofDays(rootWarningDays))))
                .ifPresent(root -> warnings.add("the root CA of mesh " + meshId + " expires in "
                        + Duration.between(now, root).toDays() + " days (" + root + "): plan its rotation; "
                        + "intermediates cannot outlive it"));

        String outcome = !stillBroken.isEmpty() ? ReconcileReport.DEGRADED
                : repairs.isEmpty() ? ReconcileReport.HEALTHY : ReconcileReport.REPAIRED;
        int members = membership.members().size();
        String message = "Mesh " + meshId + ": " + members + " members, " + repairs.size() + " repairs, "
                + stillBroken.size() + " still broken" + (days == null ? "." : "; the first CA (" + first
                + ") expires in " + days + " days.");
        List<ReconcileReport.Metric> metrics = new ArrayList<>();
        List<ReconcileReport.Dimension> mesh = List.of(new ReconcileReport.Dimension(ReconcileReport.MESH_DIMENSION, meshId));
        metrics.add(new ReconcileReport.Metric("Members", mesh, members, "Count"));
        metrics.add(new ReconcileReport.Metric(ReconcileReport.BROKEN_PAIRS, mesh, brokenPairs.size(), "Count"));
        if (days != null) {
            metrics.add(new ReconcileReport.Metric("DaysUntilFirstCaExpiry", mesh, days, "None"));
        }
        LOG.info("{}: {}", outcome, message);
        return new ReconcileReport(meshId, outcome, members, brokenPairs.size(), repairs, stillBroken, warnings, days,
                first, message, metrics);
    }

    /**
     * The Istio rollout: the members upgraded, the one it stopped at and those it never reached (in rollout order,
     * one at a time, so every member before the failed one was upgraded), the refusals and the unreadable members.
     */
    private static void istioRollout(IstioCheck istio, JsonNode rollout, List<String> repairs, List<String> stillBroken) {
        if (istio == null) {
            return;
        }
        String stoppedAt = null;
        String failure = null;
        if (rollout != null && rollout.has("Error")) {
            JsonNode cause = parse(rollout.path("Cause").asText(""));
            stoppedAt = cause.path("cluster").path("clusterName").asText(null);
            failure = errorOf(cause);
            String error = errorOf(meshonboarder.json.Json.MAPPER.createObjectNode().set("error", rollout));
            if (istio.version() == null) {
                // CheckIstio itself failed (IstioNotChecked): nothing was compared, nothing upgraded
                stillBroken.add("the Istio releases could not be checked: " + error);
            } else if (stoppedAt == null) {
                // the Map itself failed: no member can be said to be upgraded
                stillBroken.add("the Istio rollout to " + istio.version() + " failed: " + error);
            }
        }
        List<String> order = istio.upgrades().stream().map(u -> u.cluster().clusterName()).toList();
        int stop = stoppedAt == null ? -1 : order.indexOf(stoppedAt);
        boolean finished = rollout != null && rollout.has("upgraded");
        for (int i = 0; i < order.size(); i++) {
            IstioCheck.Upgrade upgrade = istio.upgrades().get(i);
            String what = "Istio of " + order.get(i) + " (" + String.join(", ", upgrade.drift()) + ")";
            if (finished || i < stop) {
                repairs.add(what + " upgraded to " + istio.version() + " and ready");
            } else if (i == stop) {
                stillBroken.add(what + " not upgraded: the rollout stopped here, " + failure);
            } else if (stop >= 0) {
                stillBroken.add(what + " not upgraded: the rollout stopped at " + stoppedAt + " before it");
            } else {
                stillBroken.add(what + " not upgraded");
            }
        }
        for (IstioCheck.Refusal refusal : istio.refused()) {
            stillBroken.add("Istio of " + refusal.clusterName() + " not upgraded (" + refusal.error() + "): "
                    + refusal.reason());
        }
        for (RemoteSecretsCheck.Unreachable u : istio.unreadable()) {
            stillBroken.add("the Istio releases of " + u.clusterName() + " could not be checked: " + u.reason());
        }
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = meshonboarder.json.Json.MAPPER.readTree(text);
            return node == null ? meshonboarder.json.Json.MAPPER.createObjectNode() : node;
        } catch (java.io.IOException notJson) {
            return meshonboarder.json.Json.MAPPER.createObjectNode();
        }
    }

    private record Expiry(String what, Instant notAfter) {
    }

    /**
     * A rotation is repaired once its old token is revoked (every peer holds the new one); a rotation that failed, or
     * an old token kept because a peer does not hold the new one yet, is still broken.
     */
    private static void tokenRotations(List<JsonNode> rotations, List<JsonNode> revocations, List<String> repairs,
                                       List<String> stillBroken) {
        for (JsonNode r : orEmpty(rotations)) {
            if (r.has("error")) {
                stillBroken.add("the reader token of " + r.path("member").path("clusterName").asText()
                        + " could not be rotated: " + errorOf(r));
            }
        }
        for (JsonNode r : orEmpty(revocations)) {
            String name = r.path("clusterName").asText();
            if (r.has("error")) {
                stillBroken.add("the old reader token of " + name + " could not be revoked: " + errorOf(r));
            } else if (!r.path("kept").isEmpty()) {
                stillBroken.add("the old reader token of " + name + " is kept (token Secrets " + names(r.path("kept"))
                        + "): " + r.path("reason").asText());
            } else if (!r.path("revoked").isEmpty()) {
                repairs.add("reader token of " + name + " rotated: every peer holds the new token, the old token "
                        + "Secrets " + names(r.path("revoked")) + " deleted (revoked)");
            }
        }
    }

    /**
     * One subject's repair, one sentence per outcome ("remote secret of b rewritten (MISSING in a, c)"): a mesh of 50
     * whose every pair broke makes 50 such sentences, not 2,450.
     */
    private static void secretRepair(JsonNode r, Map<String, SecretRepair> asked, int members, List<String> repairs,
                                     List<String> stillBroken, Set<String> brokenPairs) {
        String subject = r.path("subject").asText();
        SecretRepair repair = asked.get(subject);
        if (repair == null) {
            return; // not asked for by this run's check: nothing to say
        }
        Map<String, String> failed = new LinkedHashMap<>();
        r.path("failed").forEach(f -> failed.put(f.path("holder").asText(), f.path("reason").asText()));
        List<String> written = new ArrayList<>();
        List<String> notWritten = new ArrayList<>();
        repair.holdersByProblem().entrySet().forEach(problem -> {
            List<String> ok = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            problem.getValue().forEach(h -> (r.has("error") || failed.containsKey(h) ? broken : ok).add(h));
            if (!ok.isEmpty()) {
                // the day every token rotates, every holder of every subject: N sentences of N names would be N^2
                written.add(problem.getKey() + " in " + (members > 2 && ok.size() == members - 1
                        ? "every other member" : String.join(", ", ok)));
            }
            if (!broken.isEmpty()) {
                notWritten.add(problem.getKey() + " in " + String.join(", ", broken));
                broken.forEach(h -> brokenPairs.add(h + " holds " + subject));
            }
        });
        if (!written.isEmpty()) {
            repairs.add("remote secret of " + subject + " rewritten (" + String.join("; ", written) + ")");
        }
        if (r.has("error")) {
            stillBroken.add("remote secret of " + subject + " not rewritten (" + String.join("; ", notWritten)
                    + "): " + errorOf(r));
        } else {
            failed.forEach((holder, reason) -> stillBroken.add("remote secret of " + subject + " not rewritten in "
                    + holder + ": " + reason));
        }
    }

    /** EnsureMembers: the controller's access entry and the CNI egress of each member. */
    private static void ensuredMembers(List<JsonNode> ensured, List<String> repairs, List<String> stillBroken) {
        for (JsonNode m : orEmpty(ensured)) {
            String name = m.path("clusterName").asText();
            if (m.has("error")) {
                stillBroken.add("the access or CNI egress of " + name + " could not be ensured: " + errorOf(m));
                continue;
            }
            String entry = m.path("access").path("accessEntry").asText();
            if ("RECREATED".equals(entry)) {
                repairs.add("access entry of " + name + " re-created (it was older than the cluster access role, "
                        + "which was created again: EKS no longer matched it)");
            } else if ("CREATED".equals(entry)) {
                repairs.add("access entry of " + name + " created (it was missing)");
            } else if ("ASSOCIATED".equals(m.path("access").path("policy").asText())) {
                repairs.add("cluster admin policy of " + name + "'s access entry associated again");
            }
            for (JsonNode cni : m.path("cni")) {
                if ("PATCHED".equals(cni.path("outcome").asText())) {
                    List<String> variables = new ArrayList<>();
                    cni.path("desiredEnv").fields().forEachRemaining(e -> variables.add(e.getKey() + "="
                            + e.getValue().asText()));
                    repairs.add("CNI egress of " + cni.path("clusterName").asText() + " put back ("
                            + String.join(", ", variables) + "; pods started before keep their setup until restarted)");
                }
            }
        }
    }

    private static String names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return String.join(", ", names);
    }

    /** The handler's message out of a Catch's error, never a stack trace. */
    /** RemoveIstio's outcome on an untagged cluster that lives on; absent for the others. */
    private static void istioRemoval(String name, JsonNode removal, List<String> repairs, List<String> stillBroken) {
        String status = removal.path("status").asText();
        if (IstioRemoval.Status.REMOVED.name().equals(status) && removal.path("objects").toString().contains("DELETED")) {
            repairs.add("mesh-onboarder's Istio removed from " + name + " (RemoveIstioOnLeave)");
        } else if (IstioRemoval.Status.NOT_OURS.name().equals(status)) {
            stillBroken.add(name + " left the mesh but its Istio stays: " + removal.path("reason").asText());
        }
    }

    private static String errorOf(JsonNode item) {
        JsonNode error = item.path("error");
        String cause = error.path("Cause").asText("");
        try {
            JsonNode parsed = meshonboarder.json.Json.MAPPER.readTree(cause);
            if (parsed != null && parsed.hasNonNull("errorMessage")) {
                return error.path("Error").asText() + ": " + parsed.path("errorMessage").asText();
            }
        } catch (java.io.IOException notJson) {
            // a cause written by Step Functions itself is plain text
        }
        return error.path("Error").asText("unknown error") + (cause.isEmpty() ? "" : ": " + cause);
    }

    private static List<JsonNode> orEmpty(List<JsonNode> list) {
        return list == null ? List.of() : list;
    }
}
