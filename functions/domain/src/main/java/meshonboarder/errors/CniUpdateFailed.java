package meshonboarder.errors;

/** EKS refused or failed the update of the vpc-cni add-on. Permanent: the message carries EKS's reasons. */
public final class CniUpdateFailed extends MeshOnboarderError {

    public CniUpdateFailed(String message) {
        super(message);
    }

    public CniUpdateFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
