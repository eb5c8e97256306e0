package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.errors.CaughtError;

/**
 * One item of {@code $.repaired}: RepairRemoteSecrets' {@link SecretRepairResult}, or SecretNotRepaired's
 * {@code {subject, error}} when the subject itself failed (its token could not be read, say).
 */
public record RepairedSubject(String subject, List<SecretRepairResult.Failure> failed, CaughtError error,
                              int failedCount) {

    public RepairedSubject {
        failed = failed == null ? List.of() : List.copyOf(failed);
        failedCount = Math.max(failedCount, failed.size());
    }
}
