package meshonboarder.errors;

/**
 * The cluster runs neither the vpc-cni add-on nor an aws-node DaemonSet, yet the mesh needs a VPC CNI egress
 * setting there. Permanent.
 */
public final class VpcCniNotFound extends MeshOnboarderError {

    public VpcCniNotFound(String message) {
        super(message);
    }

    public VpcCniNotFound(String message, Throwable cause) {
        super(message, cause);
    }
}
