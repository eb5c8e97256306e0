package meshonboarder.istio;

/** A chart of the Istio chart repository at one version, for example {@code istiod 1.30.3}. */
public record ChartRef(String name, String version) {

    @Override
    public String toString() {
        return name + "-" + version;
    }
}
