package meshonboarder.kubernetes.cni;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Set;
import meshonboarder.cni.AddonConfiguration;
import meshonboarder.cni.CniKind;
import meshonboarder.cni.CniVersion;
import meshonboarder.cni.Egress;
import meshonboarder.cni.VpcCniAddons;

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

    record SelfManaged(DaemonSet daemonSet) implements InstalledCni {
        public CniKind kind() {
            return CniKind.SELF_MANAGED;
        }

        public String version() {
            return CniVersion.tagOf(AwsNodeDaemonSet.image(daemonSet));
        }

        public boolean satisfies(Set<Egress> needs) {
            return AwsNodeDaemonSet.satisfies(daemonSet, needs);
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
