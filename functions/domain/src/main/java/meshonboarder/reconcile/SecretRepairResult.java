package meshonboarder.reconcile;

import java.util.List;

/**
 * The result of {@code RepairRemoteSecrets} for one subject, an item of {@code $.repaired}: the holders whose write
 * failed; every other holder of its {@link SecretRepair} holds a working secret. Names and reasons only, and not
 * the holders again (the report reads them from {@code $.remoteSecrets.repairs}), so 50 of them stay small.
 *
 * @param failed the holders that could not be written, with the reason
 */
public record SecretRepairResult(String subject, List<Failure> failed) {

    public record Failure(String holder, String reason) {
    }
}
