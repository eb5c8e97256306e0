package meshonboarder.reconcile;

import java.util.List;

/**
 * The result of {@code RepairRemoteSecrets} for one subject, an item of {@code $.repaired}: the holders whose write
 * failed; every other holder of its {@link SecretRepair} holds a working secret. Names and reasons only, and not
 * the holders again (the report reads them from the subject's {@link SubjectFindings}). At most
 * {@value #MAX_NAMED} failure is named here, so that 200 subjects failing in every holder stay small in the state;
 * all of them are in the subject's findings.
 *
 * @param failed      the holders that could not be written, with the reason (in the state: the first)
 * @param failedCount how many holders could not be written
 */
public record SecretRepairResult(String subject, List<Failure> failed, int failedCount) {

    /** The most failures a result names: the first, as an example; the others are counted. */
    public static final int MAX_NAMED = 1;
    /** The longest reason a bounded result keeps (an error's message). */
    static final int MAX_REASON = 200;

    /** Every failure named. */
    public SecretRepairResult(String subject, List<Failure> failed) {
        this(subject, failed, failed.size());
    }

    /** The first {@value #MAX_NAMED} failures, each reason cut at {@value #MAX_REASON} characters, and how many. */
    public SecretRepairResult bounded() {
        return new SecretRepairResult(subject, failed.stream().limit(MAX_NAMED).map(f -> new Failure(f.holder(),
                f.reason().length() <= MAX_REASON ? f.reason() : f.reason().substring(0, MAX_REASON - 3) + "..."))
                .toList(), failedCount);
    }

    public record Failure(String holder, String reason) {
    }
}
