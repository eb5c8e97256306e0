package meshonboarder.kubernetes;

/**
 * The label on every object mesh-onboarder writes itself (Kubernetes' recommended
 * {@code app.kubernetes.io/managed-by}), so that its own objects can be told from those of Helm or a person.
 */
public final class ManagedBy {

    public static final String LABEL = "app.kubernetes.io/managed-by";
    public static final String VALUE = "mesh-onboarder";

    private ManagedBy() {
    }
}
