package meshonboarder.cni;

import java.util.Set;

/** What a cluster runs as its CNI, as read before anything is written. */
sealed interface InstalledCni {

    /** Null when the cluster runs no VPC CNI. */
    CniKind kind();

    /** The version as read (add-on version or image tag), or null. */
    String version();

    /** Whether every egress in {@code needs} is already on. */
    boolean satisfies(Set<Egress> needs);

    /** EKS Auto Mode: the CNI is EKS's own. */
    record AutoMode() implements InstalledCni {
        public CniKind kind() {
            return CniKind.AUTO_MODE;
        }

        public String version() {
            return null;
        }

        public boolean satisfies(Set<Egress> needs) {
            return true;
        }
    }

    record ManagedAddon(VpcCniAddons.Addon addon) implements InstalledCni {
        public CniKind kind() {
            return CniKind.MANAGED_ADDON;
        }

        public String version() {
            return addon.version();
        }

        public boolean satisfies(Set<Egress> needs) {
            return AddonConfiguration.parse(addon.configurationValues()).satisfies(needs);
        }
    }

    record SelfManaged(AwsNode awsNode) implements InstalledCni {
        public CniKind kind() {
            return CniKind.SELF_MANAGED;
        }

        public String version() {
            return awsNode.version();
        }

        public boolean satisfies(Set<Egress> needs) {
            return awsNode.satisfies(needs);
        }
    }

    /** Neither the add-on nor an {@code aws-node} DaemonSet (another CNI, or none yet). */
    record None() implements InstalledCni {
        public CniKind kind() {
            return null;
        }

        public String version() {
            return null;
        }

        public boolean satisfies(Set<Egress> needs) {
            return needs.isEmpty();
        }
    }
}
