package meshonboarder.errors;

/** The cluster's Amazon VPC CNI is older than the egress setting the mesh needs. Permanent until it is upgraded. */
public final class CniTooOld extends MeshOnboarderError {

    public CniTooOld(String message) {
        super(message);
    }

    public CniTooOld(String message, Throwable cause) {
        super(message, cause);
    }
}
