package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.List;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.mesh.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RevokeOldReaderTokens}, the last step of reader token rotation ({@link RotateReaderTokenService}): a
 * member's old token Secrets are deleted, which revokes their tokens, once every other member holds its current
 * token; until then they are kept and the next run tries again.
 */
public final class RevokeOldReaderTokensService {

    private static final Logger LOG = LoggerFactory.getLogger(RevokeOldReaderTokensService.class);

    private final ReaderTokenStore store;

    public RevokeOldReaderTokensService(ReaderTokenStore store) {
        this.store = store;
    }

    /** Deletes the member's old token Secrets once every other member holds its current token; else keeps them. */
    public TokenRevocation revoke(Member member, List<Member> members) {
        List<ReaderTokenSecret> secrets = store.list(member);
        List<ReaderTokenSecret> old = ReaderTokenSecret.replaced(secrets);
        if (old.isEmpty()) {
            return new TokenRevocation(member.clusterName(), List.of(), List.of(), null);
        }
        String current = ReaderTokenSecret.current(secrets).orElseThrow().tokenDigest();
        List<String> notYet = new ArrayList<>();
        for (Member peer : members) {
            if (peer.clusterName().equals(member.clusterName())) {
                continue;
            }
            try {
                if (!store.heldTokenDigest(peer, member.clusterName()).map(current::equals).orElse(false)) {
                    notYet.add(peer.clusterName() + " does not hold the new token yet");
                }
            } catch (MeshOnboarderError e) {
                notYet.add(peer.clusterName() + " could not be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        List<String> names = old.stream().map(ReaderTokenSecret::name).toList();
        if (!notYet.isEmpty()) {
            String reason = String.join("; ", notYet);
            LOG.info("old reader token Secrets {} kept: {}", names, reason);
            return new TokenRevocation(member.clusterName(), List.of(), names, reason);
        }
        names.forEach(name -> store.revoke(member, name));
        LOG.info("every peer holds the new reader token: old token Secrets {} deleted", names);
        return new TokenRevocation(member.clusterName(), names, List.of(), null);
    }
}
