package meshonboarder.reconcile;

import java.util.List;
import java.util.Optional;

/**
 * Port: the pair-level findings of a mesh's last {@code CheckRemoteSecrets}, one {@link SubjectFindings} per subject
 * with something broken, each stamped with the execution that wrote it. The execution state carries only the
 * subjects' names and counts; the steps that need the pairs (RepairRemoteSecrets, ReportReconcile) read them here,
 * and only their own execution's: a subject whose item another execution wrote has nothing of this run's to repair.
 * Every read is a consistent read: a step reads what the check wrote a moment before.
 */
public interface MeshChecks {

    /** Every subject's findings in the mesh, whichever execution wrote them. */
    List<SubjectFindings> list(String meshId);

    /** One subject's findings, whichever execution wrote them; empty when none is kept. */
    Optional<SubjectFindings> find(String meshId, String subject);

    /** Writes (or replaces) the subject's findings. */
    void put(String meshId, SubjectFindings findings);

    /**
     * Replaces the subject's findings only when those kept are of the same execution (the store checks that with the
     * write).
     *
     * @return false when they are another execution's, or gone: nothing written
     */
    boolean replaceOwn(String meshId, SubjectFindings findings);

    /** Deletes the subject's findings; nothing happens when none is kept. */
    void delete(String meshId, String subject);

    /** Where the mesh's findings are kept, for people: the report names it. */
    String location(String meshId);
}
