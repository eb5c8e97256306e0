package meshonboarder.reconcile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.CheckSuperseded;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.errors.Transient;
import meshonboarder.istio.IstioReleasePolicy;
import meshonboarder.istio.IstioReleasePolicy.Operation;
import meshonboarder.mesh.Member;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeSettings;
import meshonboarder.remote.PairRules;
import meshonboarder.remote.ReaderKubeconfig;
import meshonboarder.remote.RemoteSecretClusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RepairRemoteSecrets}, for one subject: its remote secret rewritten in every holder the check found broken,
 * with the subject's endpoint, CA and reader token read once ({@link ReaderKubeconfig#of}, as ExchangeRemoteSecrets
 * writes it: one direction, many holders). A subject that cannot be read fails the call, and so does a holder that
 * is briefly unreachable once the others are written ({@code Transient}: the state machine retries, and the holders
 * written already are no-ops); a holder that refuses is reported and the other holders go on. A rotation's rewrite
 * ({@link PairProblem#STALE_TOKEN}) is refused in a holder whose istiod runs a release that mishandles it
 * ({@link IstioReleasePolicy}): reported as {@code IstioReleaseKnownBad}, and the holder keeps the old token, which
 * RevokeOldReaderTokens then keeps too. The holders to rewrite are the subject's {@link SubjectFindings} that this
 * execution's CheckRemoteSecrets kept in {@link MeshChecks}: the state names only the subject.
 */
public final class RepairRemoteSecretsService {

    private static final Logger LOG = LoggerFactory.getLogger(RepairRemoteSecretsService.class);

    private final RemoteSecretClusters clusters;
    private final ApiServers apiServers;
    private final ExchangeSettings settings;
    private final MeshChecks checks;

    public RepairRemoteSecretsService(RemoteSecretClusters clusters, ApiServers apiServers, ExchangeSettings settings,
                                      MeshChecks checks) {
        this.clusters = clusters;
        this.apiServers = apiServers;
        this.settings = settings;
        this.checks = checks;
    }

    /**
     * Repairs what this execution's check found of {@code subject} (a consistent read of its findings). Findings of
     * another execution, or none, mean another run of the mesh checked since and keeps the subject's findings now:
     * {@link CheckSuperseded}, named in the report, rather than a repair from a check that is not this run's, or a
     * silent "nothing to repair" that would report the subject repaired.
     *
     * @param subject      an item's {@code subject} of {@code $.remoteSecrets.repairs}
     * @param executionArn this execution, whose check wrote the findings
     */
    public SecretRepairResult repair(String subject, List<Member> members, String executionArn) {
        Member member = members.stream().filter(m -> m.clusterName().equals(subject)).findFirst()
                .orElseThrow(() -> new InvalidInput("Subject '" + subject + "' is no member of the mesh; pass "
                        + "$.membership.members as members and an item of $.remoteSecrets.repairs as subject."));
        if (executionArn == null) {
            throw new InvalidInput("RepairRemoteSecrets of '" + subject + "' needs executionArn ($$.Execution.Id): "
                    + "it repairs only what this execution's check found.");
        }
        SubjectFindings findings = checks.find(member.meshId(), subject).orElse(null);
        if (findings == null || !executionArn.equals(findings.executionArn())) {
            throw new CheckSuperseded("The findings of '" + subject + "' in " + checks.location(member.meshId())
                    + " are " + (findings == null ? "gone" : "those of execution " + findings.executionArn())
                    + ", not this run's: another run of the mesh checked it since, and repairs it. If none is "
                    + "running, start ReconcileMesh for mesh " + member.meshId() + " again.");
        }
        SecretRepairResult result = repair(findings.repair(member), members);
        if (!result.failed().isEmpty() && !checks.replaceOwn(member.meshId(), findings.withFailed(result.failed()))) {
            LOG.warn("the failures of {} not kept: its findings are another run's since", subject);
        }
        return result.bounded(); // every failure is in the findings, for the report
    }

    /** @param members the mesh's members ({@code $.membership.members}): where each holder is */
    public SecretRepairResult repair(SecretRepair repair, List<Member> members) {
        Member subject = repair.subject();
        Map<String, Member> byName = members.stream().collect(Collectors.toMap(Member::clusterName,
                Function.identity(), (a, b) -> a));
        List<String> unknown = repair.holders().stream().filter(h -> !byName.containsKey(h)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInput("Holders " + unknown + " of the remote secret of '" + subject.clusterName()
                    + "' are not members of mesh " + subject.meshId() + "; pass $.membership.members as members.");
        }
        if (repair.holders().isEmpty()) {
            return new SecretRepairResult(subject.clusterName(), List.of()); // nothing broken: nothing to read or write
        }
        String ref = subject.meshId() + "/" + subject.clusterName();
        ApiServer server = PairRules.reachable(settings, subject.clusterName(),
                apiServers.describe(subject.region(), subject.clusterName()), repair.holders().get(0));
        ReaderKubeconfig kubeconfig;
        try (RemoteSecretClusters.Connection connection = clusters.connect(subject.region(), subject.clusterName(),
                server)) {
            kubeconfig = ReaderKubeconfig.of(connection, subject.clusterName(), server, ref);
        }

        List<String> rotations = repair.holdersByProblem().getOrDefault(PairProblem.STALE_TOKEN, List.of());
        Map<String, RuntimeException> errors = new LinkedHashMap<>();
        for (String holder : repair.holders()) {
            Member h = byName.get(holder);
            try (RemoteSecretClusters.Connection connection = clusters.connect(h.region(), h.clusterName())) {
                if (rotations.contains(holder)) {
                    // a working pair rewritten for a rotation: not on a release that mishandles the rewrite. A pair
                    // already broken is rewritten anyway: it cannot get worse, and the rewrite may be its repair
                    String where = h.meshId() + "/" + holder;
                    IstioReleasePolicy.refuse(Operation.ROTATION, connection.istiodVersion(where),
                            "rewriting istio-remote-secret-" + subject.clusterName() + " (a reader token rotation)",
                            where);
                }
                ApplyOutcome outcome = connection.writeRemoteSecret(kubeconfig);
                LOG.info("remote secret of {} into {}: {}", subject.clusterName(), holder, outcome);
            } catch (MeshOnboarderError e) {
                errors.put(holder, e);
            } catch (RuntimeException e) {
                if (!clusters.refused(e)) {
                    throw e;
                }
                errors.put(holder, e);
            }
        }
        errors.forEach((holder, e) -> LOG.warn("holder {} not written: {}", holder, e.getMessage()));
        List<String> busy = errors.entrySet().stream().filter(e -> e.getValue() instanceof Transient)
                .map(Map.Entry::getKey).toList();
        if (!busy.isEmpty()) {
            // the state machine's Retry waits and calls again: the holders written already come back UNCHANGED
            throw new Transient("The remote secret of '" + subject.clusterName() + "' could not be written into "
                    + busy + " yet (" + reason(errors.get(busy.get(0))) + "); the other holders have it.");
        }
        return new SecretRepairResult(subject.clusterName(), errors.entrySet().stream()
                .map(e -> new SecretRepairResult.Failure(e.getKey(), reason(e.getValue()))).toList());
    }

    private static String reason(RuntimeException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
