package meshonboarder.local.scenario;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import meshonboarder.local.standin.SimulatedCluster;

/** What the stand-in clusters hold after a scenario, read from their API servers. */
public final class Summary {

    static final String ISTIO = "istio-system";
    static final String REMOTE_SECRET_PREFIX = "istio-remote-secret-";

    private Summary() {
    }

    /** The clusters whose remote secret the cluster holds. */
    public static Set<String> remoteSecrets(SimulatedCluster cluster) {
        return cluster.secrets(ISTIO).stream()
                .filter(s -> s.getMetadata().getName().startsWith(REMOTE_SECRET_PREFIX))
                .filter(s -> "true".equals(labels(s).get("istio/multiCluster")))
                .map(s -> s.getMetadata().getName().substring(REMOTE_SECRET_PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** "subject <- issuer" of the cluster's plugged-in CA, or null without cacerts. */
    public static String caChain(SimulatedCluster cluster) {
        Secret cacerts = cluster.client().secrets().inNamespace(ISTIO).withName("cacerts").get();
        if (cacerts == null || cacerts.getData() == null || !cacerts.getData().containsKey("ca-cert.pem")) {
            return null;
        }
        X509Certificate ca = certificate(cacerts.getData().get("ca-cert.pem"));
        X509Certificate root = certificate(cacerts.getData().get("root-cert.pem"));
        return ca.getSubjectX500Principal().getName() + " <- " + root.getSubjectX500Principal().getName();
    }

    /** When the cluster's plugged-in intermediate CA (cacerts' ca-cert.pem) expires. */
    public static Instant caNotAfter(SimulatedCluster cluster) {
        Secret cacerts = cluster.client().secrets().inNamespace(ISTIO).withName("cacerts").get();
        return certificate(cacerts.getData().get("ca-cert.pem")).getNotAfter().toInstant();
    }

    /** The cluster's root-cert.pem as cacerts holds it (base64), or null without cacerts. */
    public static String rootCertificate(SimulatedCluster cluster) {
        Secret cacerts = cluster.client().secrets().inNamespace(ISTIO).withName("cacerts").get();
        return cacerts == null || cacerts.getData() == null ? null : cacerts.getData().get("root-cert.pem");
    }

    /** Helm releases in istio-system as "name chart-version (status, revision n)", from Helm's release Secrets. */
    public static List<String> releases(SimulatedCluster cluster) {
        Map<String, Secret> latest = new TreeMap<>();
        for (Secret s : cluster.secrets(ISTIO)) {
            Map<String, String> labels = labels(s);
            if (!"helm".equals(labels.get("owner")) || labels.get("name") == null) {
                continue;
            }
            Secret current = latest.get(labels.get("name"));
            if (current == null || Integer.parseInt(labels(current).getOrDefault("version", "0"))
                    < Integer.parseInt(labels.getOrDefault("version", "0"))) {
                latest.put(labels.get("name"), s);
            }
        }
        List<String> result = new ArrayList<>();
        latest.forEach((name, s) -> result.add(name + " (" + labels(s).get("status") + ", revision "
                + labels(s).get("version") + ")"));
        return result;
    }

    /** The egress variables of aws-node: "ENABLE_V6_EGRESS=true ..." over the container and the init container. */
    public static String cniEgress(SimulatedCluster cluster) {
        DaemonSet awsNode = cluster.client().apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
        if (awsNode == null) {
            return "(no aws-node)";
        }
        var spec = awsNode.getSpec().getTemplate().getSpec();
        return Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream())
                .flatMap(c -> (c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()).stream()
                        .filter(e -> e.getName().endsWith("_EGRESS"))
                        .map(e -> c.getName() + ":" + e.getName() + "=" + e.getValue()))
                .collect(Collectors.joining(" ", "", "")).transform(s -> s.isEmpty() ? "defaults" : s);
    }

    /** The east-west gateway's NLB as the Service asks for it and as the stand-in controller made it. */
    public record Gateway(String addressType, String scheme, String address, List<String> warnings) {

        @Override
        public String toString() {
            return addressType + " " + scheme + " NLB, " + (address == null ? "no address" : address)
                    + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")");
        }
    }

    /** The east-west gateway of the cluster, or null when it has none. */
    public static Gateway eastWest(SimulatedCluster cluster) {
        var service = cluster.client().services().inNamespace(ISTIO).withName("istio-eastwestgateway").get();
        if (service == null) {
            return null;
        }
        Map<String, String> annotations = service.getMetadata().getAnnotations() == null ? Map.of()
                : service.getMetadata().getAnnotations();
        var ingress = service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null
                ? List.<LoadBalancerIngress>of()
                : service.getStatus().getLoadBalancer().getIngress();
        return new Gateway(annotations.get("service.beta.kubernetes.io/aws-load-balancer-ip-address-type"),
                annotations.get("service.beta.kubernetes.io/aws-load-balancer-scheme"),
                ingress.isEmpty() ? null : ingress.get(0).getHostname(),
                cluster.warnings(ISTIO, "istio-eastwestgateway"));
    }

    public static void print(PrintStream out, Collection<SimulatedCluster> clusters, Set<String> deleted) {
        List<String> names = clusters.stream().map(SimulatedCluster::name).sorted().toList();
        out.println();
        out.println("Mesh membership (row holds the remote secret of column):");
        out.printf("  %-10s %s%n", "", names.stream().map(n -> String.format("%-10s", n)).collect(Collectors.joining()));
        for (SimulatedCluster c : clusters.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            Set<String> held = remoteSecrets(c);
            out.printf("  %-10s %s%n", c.name(), names.stream()
                    .map(n -> String.format("%-10s", n.equals(c.name()) ? "-" : held.contains(n) ? "yes" : "no"))
                    .collect(Collectors.joining()));
        }
        out.println();
        for (SimulatedCluster c : clusters.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            out.printf("%s (%s)%s%n", c.name(), c.ipFamily().value(),
                    deleted.contains(c.name()) ? " deleted from EKS: its stand-in keeps what it held" : "");
            out.printf("  CA chain:  %s%n", Objects.requireNonNullElse(caChain(c), "(no cacerts)"));
            out.printf("  Istio:     %s%n", releases(c).isEmpty() ? "(no releases)" : String.join(", ", releases(c)));
            out.printf("  CNI:       %s%n", cniEgress(c));
            Gateway gateway = eastWest(c);
            out.printf("  Gateway:   %s%n", gateway == null ? "(no east-west gateway)" : gateway);
        }
    }

    private static Map<String, String> labels(Secret s) {
        return s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
    }

    private static X509Certificate certificate(String base64Pem) {
        try {
            byte[] pem = Base64.getDecoder().decode(base64Pem);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(new String(pem, StandardCharsets.US_ASCII)
                            .getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException("cacerts holds no certificate", e);
        }
    }
}
