package meshonboarder.errors;

/** The chart repository has no chart of that name and version. Permanent: fix IstioVersion or mirror the chart. */
public final class ChartNotFound extends MeshOnboarderError {

    public ChartNotFound(String message) {
        super(message);
    }

    public ChartNotFound(String message, Throwable cause) {
        super(message, cause);
    }
}
