package meshonboarder.cni;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: the {@code vpc-cni} managed add-on of EKS clusters (DescribeAddon, UpdateAddon, DescribeUpdate). */
public interface VpcCniAddons {

    String ADDON_NAME = "vpc-cni";

    /**
     * The add-on as EKS reports it.
     *
     * @param version             for example {@code v1.19.2-eksbuild.1}
     * @param configurationValues the user's values (JSON or YAML), or null
     * @param status              {@code ACTIVE}, {@code UPDATING}, {@code DEGRADED}, {@code UPDATE_FAILED}, ...
     */
    record Addon(String version, String configurationValues, String status) {

        private static final Set<String> BUSY = Set.of("CREATING", "UPDATING", "DELETING");

        /** Another change is under way: an update now would be refused. */
        public boolean busy() {
            return BUSY.contains(status);
        }

        public boolean active() {
            return "ACTIVE".equals(status);
        }

        public boolean updateFailed() {
            return "UPDATE_FAILED".equals(status);
        }
    }

    /**
     * An add-on update as EKS reports it.
     *
     * @param status {@code InProgress}, {@code Successful}, {@code Failed} or {@code Cancelled}
     * @param errors EKS's reasons when it failed
     */
    record Update(String id, String status, List<String> errors) {

        public Update {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        public boolean inProgress() {
            return "InProgress".equals(status);
        }

        public boolean successful() {
            return "Successful".equals(status);
        }

        public boolean failed() {
            return "Failed".equals(status) || "Cancelled".equals(status);
        }
    }

    /** The add-on; empty when the cluster's CNI is not a managed add-on (self-managed, or none). */
    Optional<Addon> describe(String region, String clusterName);

    /**
     * Replaces the add-on's configuration values, keeping its version and whatever users changed on the cluster
     * ({@code resolveConflicts PRESERVE}). Returns the id of the update to wait for.
     */
    String update(String region, String clusterName, String addonVersion, String configurationValues);

    Update describeUpdate(String region, String clusterName, String updateId);
}
