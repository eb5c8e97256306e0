package meshonboarder.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import meshonboarder.mesh.Member;

/**
 * Port: a member's reader token Secrets, and the reader token its peers hold. Digests only: no token leaves the
 * adapter.
 */
public interface ReaderTokenStore {

    /** The member's reader token Secrets (one LIST of its {@code istio-system} Secrets). */
    List<ReaderTokenSecret> list(Member member);

    /** Creates a new, empty token Secret of the reader account, named after {@code at}; returns its name. */
    String issue(Member member, Instant at);

    /**
     * The digest of the token in {@code holder}'s remote secret of {@code subject}; empty when it holds none, or
     * none that can be read.
     */
    Optional<String> heldTokenDigest(Member holder, String subject);

    /** Deletes the token Secret, which revokes its token (the API server looks the Secret up on every request). */
    void revoke(Member member, String name);
}
