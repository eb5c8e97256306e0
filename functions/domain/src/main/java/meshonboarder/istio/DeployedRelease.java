package meshonboarder.istio;

import java.util.Map;

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

    /** An install, upgrade or rollback that never finished (the function was cut off): Helm refuses to go on. */
    public boolean pending() {
        return status != null && status.startsWith("pending-");
    }
}
