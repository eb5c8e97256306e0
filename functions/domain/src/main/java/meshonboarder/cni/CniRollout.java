package meshonboarder.cni;

import java.util.List;
import meshonboarder.wait.WaitCheck;

/**
 * One check of the {@code WaitCniRollout} loop ({@code $.cniRollout}).
 *
 * @param ready       every patched CNI has rolled out: the loop ends
 * @param attempt     checks made so far
 * @param waitSeconds how long the Wait state pauses before the next check
 * @param pending     what each cluster still waits for; empty when ready
 */
public record CniRollout(boolean ready, int attempt, int waitSeconds, List<Pending> pending) implements WaitCheck {

    /** A cluster whose CNI has not rolled out yet. */
    public record Pending(String clusterName, String region, String waitingFor) {
    }

    public CniRollout {
        pending = pending == null ? List.of() : List.copyOf(pending);
    }
}
