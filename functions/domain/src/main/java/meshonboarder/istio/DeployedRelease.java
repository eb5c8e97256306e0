package meshonboarder.istio;

import java.util.Map;
import meshonboarder.errors.Transient;

/**
 * The latest revision of a release, as Helm recorded it in the cluster.
 *
 * @param status Helm's status: {@code deployed}, {@code failed}, {@code pending-install}, {@code superseded}...
 * @param values the user-supplied values of that revision
 */
public record DeployedRelease(String release, String namespace, String status, ChartRef chart, int revision,
                              Map<String, Object> values) {

    public DeployedRelease {
        values = values == null ? Map.of() : values;
    }

    public boolean deployed() {
        return "deployed".equals(status);
    }

    /**
     * An install, upgrade or rollback under way, or one that never finished (the function was cut off): Helm refuses
     * to go on until it has ended.
     */
    public boolean pending() {
        return status != null && status.startsWith("pending-");
    }

    /**
     * Why a pending release is not touched. Most likely another onboarding is upgrading it this moment (two
     * clusters onboarding at once both switch a member's gateway up to dualstack): the state machine retries. One
     * that stays pending was cut off, and only a rollback ends it.
     */
    public Transient busy(String ref) {
        return new Transient("Helm release " + release + " on " + ref + " is " + status + " (revision " + revision
                + "): another onboarding may be changing it now, so this step is retried. If it stays so, an earlier "
                + "run was cut off: roll it back with 'helm rollback " + release + " -n " + namespace + "' (or 'helm "
                + "uninstall' if it was never deployed), then start onboarding again.");
    }
}
