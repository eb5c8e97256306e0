package meshonboarder.wait;

/**
 * The fields every check step of a Wait/Choice loop returns, beside its own: the Choice state reads {@code ready},
 * the Wait state {@code waitSeconds}, and the next check {@code attempt}. docs/design.md, State shapes.
 */
public interface WaitCheck {

    /** The awaited state has come: the loop ends. */
    boolean ready();

    /** Checks made so far, this one included. */
    int attempt();

    /** How long the Wait state pauses before the next check. */
    int waitSeconds();

    /** The loop fields of one check, for the step's own record to copy. */
    record Attempt(boolean ready, int attempt, int waitSeconds) implements WaitCheck {
    }
}
