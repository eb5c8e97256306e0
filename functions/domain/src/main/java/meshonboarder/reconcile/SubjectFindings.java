package meshonboarder.reconcile;

import java.util.List;
import java.util.Map;
import meshonboarder.istiod.UnsyncedPair;
import meshonboarder.mesh.Member;

/**
 * What one {@code CheckRemoteSecrets} pass found about one subject's pairs, kept in {@link MeshChecks} rather than
 * the execution state: the state would grow with the square of the members (a mesh of 200 whose every pair broke
 * names 39,800 holders), past Step Functions' 256 KiB. Names and statuses only: no token, kubeconfig or digest.
 *
 * @param executionArn     the execution whose check wrote it: RepairRemoteSecrets and ReportReconcile read only
 *                         their own execution's findings, never an older check's
 * @param holdersByProblem the holders whose copy of the subject's remote secret is broken, by what was wrong
 * @param unsynced         the pairs (holder, this subject) whose secret is right but whose holder's istiod does not
 *                         report the subject {@code synced}
 * @param failed           the holders RepairRemoteSecrets could not write, with the reason (added by it, only when
 *                         some failed: its result in the state names at most {@value SecretRepairResult#MAX_NAMED})
 */
public record SubjectFindings(String subject, String executionArn, Map<PairProblem, List<String>> holdersByProblem,
                              List<UnsyncedPair> unsynced, List<SecretRepairResult.Failure> failed) {

    public SubjectFindings {
        holdersByProblem = holdersByProblem == null ? Map.of() : holdersByProblem;
        unsynced = unsynced == null ? List.of() : List.copyOf(unsynced);
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    /** What the check found, before any repair. */
    public SubjectFindings(String subject, String executionArn, Map<PairProblem, List<String>> holdersByProblem,
                           List<UnsyncedPair> unsynced) {
        this(subject, executionArn, holdersByProblem, unsynced, null);
    }

    /** The same findings, with the holders the repair could not write. */
    public SubjectFindings withFailed(List<SecretRepairResult.Failure> failures) {
        return new SubjectFindings(subject, executionArn, holdersByProblem, unsynced, failures);
    }

    /** The holders whose copy is broken, in the order found. */
    public List<String> holders() {
        return holdersByProblem.values().stream().flatMap(List::stream).toList();
    }

    /** The repair RepairRemoteSecrets makes of these findings. */
    public SecretRepair repair(Member subjectMember) {
        return new SecretRepair(subjectMember, holdersByProblem);
    }

}
