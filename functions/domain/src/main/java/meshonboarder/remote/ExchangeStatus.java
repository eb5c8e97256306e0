package meshonboarder.remote;

/** The {@code status} of an item of {@code $.exchange}: one peer of an {@code ExchangeRemoteSecrets} Map. */
public enum ExchangeStatus {
    /** Both remote secrets are written (or were already right): the step's own result. */
    EXCHANGED,
    /** The peer stayed unreachable: written by the Map's Catch, never by the step. */
    UNREACHED
}
