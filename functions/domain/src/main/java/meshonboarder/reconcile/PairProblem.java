package meshonboarder.reconcile;

/**
 * What {@code CheckRemoteSecrets} found wrong with one holder's remote secret of one subject: the keys of
 * {@code holdersByProblem} in {@code $.remoteSecrets.repairs}. Only the first problem of a pair is named.
 */
public enum PairProblem {
    /** The holder has no remote secret of the subject. */
    MISSING,
    /** It points at an endpoint the subject no longer has. */
    STALE_ENDPOINT,
    /** It trusts a CA that is not the subject's. */
    STALE_CA,
    /** The subject has no filled reader token to give (its token Secret is gone): every holder's copy is broken. */
    NO_READER_TOKEN,
    /** It holds another token than the subject's current one (a rotation, a re-created account). */
    STALE_TOKEN,
    /** The subject's API server refuses the subject's own current token: every holder's copy is broken. */
    TOKEN_REFUSED
}
