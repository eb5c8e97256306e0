package meshonboarder.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import meshonboarder.settings.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RotateReaderToken}, the first of reader token rotation's three steps, in the order that leaves no peer
 * holding a token that no longer works:
 * <ol>
 *   <li>here, a member whose current token is older than the rotation period gets a new token Secret, and the step
 *       waits until its token controller has filled it;</li>
 *   <li>CheckRemoteSecrets then finds every peer's remote secret of it {@code STALE_TOKEN} (the newest filled token
 *       is the current one), and RepairRemoteSecrets rewrites them; the old token still works meanwhile;</li>
 *   <li>{@link RevokeOldReaderTokensService}: only when every other member holds the current token are the old
 *       token Secrets deleted, which revokes their tokens. Otherwise they are kept, and the next run tries again.</li>
 * </ol>
 */
public final class RotateReaderTokenService {

    /** The environment variable (template parameter {@code ReaderTokenRotationDays}): days, 0 for never. */
    public static final String ROTATION_DAYS = "READER_TOKEN_ROTATION_DAYS";
    private static final Logger LOG = LoggerFactory.getLogger(RotateReaderTokenService.class);

    private final ReaderTokenStore store;
    private final Clock clock;
    private final Duration period;

    /** @param period a token older than this is replaced; {@link Duration#ZERO}: never */
    public RotateReaderTokenService(ReaderTokenStore store, Clock clock, Duration period) {
        this.store = store;
        this.clock = clock;
        this.period = period;
    }

    /** The rotation period from {@value #ROTATION_DAYS} (default 30 days). */
    public static Duration period(Env env) {
        return period(env.string(ROTATION_DAYS, "30"));
    }

    /** The rotation period of {@code days}: a number of days (fractions allowed), 0 for never. */
    public static Duration period(String days) {
        try {
            double value = Double.parseDouble(days);
            if (value >= 0 && Double.isFinite(value)) {
                return Duration.ofMillis(Math.round(value * Duration.ofDays(1).toMillis()));
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new InvalidInput("The environment variable " + ROTATION_DAYS + " must be a number of days (0 for "
                + "never), not '" + days + "'; set the template parameter ReaderTokenRotationDays.");
    }

    /** Issues a new token when the current one is due, and waits (Transient) until it is filled. */
    public TokenRotation rotate(Member member) {
        String where = member.meshId() + "/" + member.clusterName();
        List<ReaderTokenSecret> secrets = store.list(member);
        Optional<ReaderTokenSecret> current = ReaderTokenSecret.current(secrets);
        if (current.isEmpty() || !current.get().filled()) {
            // no token yet: EnsureReader and ExchangeRemoteSecrets make the first one, not the rotation
            return new TokenRotation(member.clusterName(), null, List.of());
        }
        Optional<ReaderTokenSecret> pending = secrets.stream()
                .filter(s -> !s.filled() && s.created() != null && !s.created().isBefore(current.get().created()))
                .findFirst();
        if (pending.isEmpty() && due(current.get())) {
            Instant now = clock.instant();
            String issued = store.issue(member, now);
            LOG.info("reader token Secret {} is older than {}: issued {}", current.get().name(), period,
                    issued);
            pending = Optional.of(new ReaderTokenSecret(issued, now, null, true));
        }
        if (pending.isPresent()) {
            throw new Transient("The token controller of " + where + " has not filled the new reader token Secret "
                    + pending.get().name() + " yet; retrying.");
        }
        List<String> old = ReaderTokenSecret.replaced(secrets).stream().map(ReaderTokenSecret::name).toList();
        return new TokenRotation(member.clusterName(), current.get().name(), old);
    }

    private boolean due(ReaderTokenSecret current) {
        return !period.isZero() && current.created() != null
                && !current.created().plus(period).isAfter(clock.instant());
    }
}
