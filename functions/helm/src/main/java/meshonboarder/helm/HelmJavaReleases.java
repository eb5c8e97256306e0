package meshonboarder.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import meshonboarder.errors.IstioInstallFailed;
import meshonboarder.istio.ChartRef;
import meshonboarder.istio.DeployedRelease;
import meshonboarder.istio.HelmReleases;
import meshonboarder.istio.ReleaseRequest;

/**
 * {@link HelmReleases} with helm-java (Helm as a native library in this process). The kubeconfig travels in
 * memory; values go through a values file (exact YAML types, unlike {@code --set}) that is deleted at once.
 * OpenAPI validation is off: the real API server validates anyway, and the mock servers of tests and the
 * local runner publish no OpenAPI documents.
 */
final class HelmJavaReleases implements HelmReleases {

    private static final ObjectMapper YAML = new YAMLMapper();

    /** Built again for every Helm call: an EKS token lives 15 minutes, a long install must not outlive it. */
    private final Supplier<String> kubeconfig;
    private final ChartSource charts;
    private final String cluster;

    HelmJavaReleases(Supplier<String> kubeconfig, ChartSource charts, String cluster) {
        this.kubeconfig = kubeconfig;
        this.charts = charts;
        this.cluster = cluster;
    }

    @Override
    public Optional<DeployedRelease> find(String namespace, String release) {
        try {
            Optional<Release> latest = Helm.list().all().withNamespace(namespace).withKubeConfigContents(kubeconfig.get())
                    .call().stream().filter(r -> release.equals(r.getName())).findFirst();
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            String values = Helm.get(release).values().withNamespace(namespace).withKubeConfigContents(kubeconfig.get())
                    .call();
            return Optional.of(new DeployedRelease(release, namespace, latest.get().getStatus(),
                    chart(latest.get().getChart(), release), Integer.parseInt(latest.get().getRevision()),
                    parse(values)));
        } catch (RuntimeException e) {
            throw HelmErrors.translate(e, "reading Helm release " + release + " on " + cluster);
        }
    }

    @Override
    public void install(ReleaseRequest request) {
        Path chart = charts.fetch(request.chart());
        withValuesFile(request, values -> {
            try {
                new Helm(chart).install().withName(request.release()).withNamespace(request.namespace())
                        .withValuesFile(values).disableOpenApiValidation().withKubeConfigContents(kubeconfig.get())
                        .call();
            } catch (RuntimeException e) {
                throw HelmErrors.translate(e, "installing " + request.release() + " (" + request.chart() + ") on "
                        + cluster);
            }
        });
    }

    @Override
    public void upgrade(ReleaseRequest request) {
        Path chart = charts.fetch(request.chart());
        withValuesFile(request, values -> {
            try {
                // resetValues: the release ends with exactly these values, never a mix with earlier ones
                new Helm(chart).upgrade().withName(request.release()).withNamespace(request.namespace())
                        .withValuesFile(values).resetValues().disableOpenApiValidation()
                        .withKubeConfigContents(kubeconfig.get()).call();
            } catch (RuntimeException e) {
                throw HelmErrors.translate(e, "upgrading " + request.release() + " to " + request.chart() + " on "
                        + cluster);
            }
        });
    }

    @Override
    public void uninstall(String namespace, String release) {
        try {
            // ignoreNotFound: a release gone since the caller looked (another run) is what was wanted
            Helm.uninstall(release).withNamespace(namespace).ignoreNotFound()
                    .withKubeConfigContents(kubeconfig.get()).call();
        } catch (RuntimeException e) {
            throw HelmErrors.translate(e, "uninstalling " + release + " from " + cluster);
        }
    }

    /** {@code helm list} shows the chart as {@code <name>-<version>}; names may hold dashes, so split after the name. */
    private static ChartRef chart(String listed, String release) {
        for (int i = listed.indexOf('-'); i > 0 && i < listed.length() - 1; i = listed.indexOf('-', i + 1)) {
            if (Character.isDigit(listed.charAt(i + 1))) {
                return new ChartRef(listed.substring(0, i), listed.substring(i + 1));
            }
        }
        throw new IstioInstallFailed("Helm release " + release + " records chart '" + listed
                + "', which is not <name>-<version>.");
    }

    private static Map<String, Object> parse(String yaml) {
        try {
            Map<String, Object> values = yaml == null || yaml.isBlank() ? null
                    : YAML.readValue(yaml, new TypeReference<Map<String, Object>>() { });
            return values == null ? Map.of() : values;
        } catch (IOException e) {
            throw new UncheckedIOException("Helm returned values that are not YAML", e);
        }
    }

    private interface WithPath {
        void accept(Path path);
    }

    private static void withValuesFile(ReleaseRequest request, WithPath action) {
        Path file = null;
        try {
            file = Files.createTempFile("istio-values-", ".yaml",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            YAML.writeValue(file.toFile(), request.values());
            action.accept(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the values of " + request.release() + " to /tmp", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // /tmp is private to this function; a leftover values file holds nothing secret
                }
            }
        }
    }
}
