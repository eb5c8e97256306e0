package meshonboarder.cni;

/** How a cluster runs its Amazon VPC CNI, which decides where egress is set. */
public enum CniKind {
    /** The {@code vpc-cni} EKS add-on: its configuration values, through UpdateAddon. */
    MANAGED_ADDON,
    /** An {@code aws-node} DaemonSet installed by the user: its container environment. */
    SELF_MANAGED,
    /** EKS Auto Mode runs the CNI itself: nothing to set. */
    AUTO_MODE
}
