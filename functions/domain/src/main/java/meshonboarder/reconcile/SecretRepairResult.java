package meshonboarder.reconcile;

import java.util.List;
import java.util.Map;

/**
 * The result of {@code RepairRemoteSecrets} for one subject, an item of {@code $.repaired}: what was asked
 * ({@code holdersByProblem}) and the holders whose write failed. Names and reasons only, so 50 of them stay small.
 *
 * @param failed the holders that could not be written, with the reason; every other holder holds a working secret
 */
public record SecretRepairResult(String subject, Map<String, List<String>> holdersByProblem, List<Failure> failed) {

    public record Failure(String holder, String reason) {
    }
}
