package meshonboarder.reconcile;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.errors.CaughtError;
import meshonboarder.json.Json;

/**
 * {@code $.istioRollout}: UpgradeIstio's {@code {upgraded: [...]}} when every member was upgraded; otherwise what a
 * Catch wrote there, {@code {Error, Cause}}: the Map's, whose Cause UpgradeStopped made the failed member's state
 * (JSON), or CheckIstio's (IstioNotChecked).
 */
public record IstioRollout(List<Upgraded> upgraded, @JsonProperty("Error") String error,
                           @JsonProperty("Cause") String cause) {

    /** MemberUpgraded: one member upgraded and ready again. */
    public record Upgraded(String clusterName) {
    }

    /** The member the rollout stopped at, with its own error, as UpgradeStopped put them into the Cause. */
    public record Stop(String clusterName, CaughtError error) {
    }

    /** UpgradeStopped's Cause: the failed iteration's state. */
    private record StoppedState(Cluster cluster, CaughtError error) {
    }

    /** Every member of the rollout was upgraded. */
    public boolean finished() {
        return upgraded != null && error == null;
    }

    /** The error a Catch wrote, when the rollout did not finish. */
    public Optional<CaughtError> failure() {
        return error == null ? Optional.empty() : Optional.of(new CaughtError(error, cause));
    }

    /** Where the rollout stopped, when one member's upgrade failed; empty when the Map itself failed. */
    public Optional<Stop> stop() {
        if (error == null || cause == null) {
            return Optional.empty();
        }
        try {
            StoppedState state = Json.MAPPER.readValue(cause, StoppedState.class);
            return state.cluster() == null || state.cluster().clusterName() == null ? Optional.empty()
                    : Optional.of(new Stop(state.cluster().clusterName(), state.error()));
        } catch (IOException notAState) {
            return Optional.empty(); // a cause of Step Functions' own, or CheckIstio's
        }
    }
}
