package meshonboarder.pki;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.ObjectOperator;
import meshonboarder.kubernetes.SecretOperator;
import meshonboarder.secrets.CaSecretNames;
import meshonboarder.secrets.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code EnsureCa} step: the mesh root, the cluster's intermediate signed by it, and the {@code cacerts}
 * Secret that hands both to istiod. Every part is reused when it is already right, so a re-run writes nothing.
 */
public final class EnsureCaService {

    private static final Logger LOG = LoggerFactory.getLogger(EnsureCaService.class);

    private final RootCas roots;
    private final IntermediateCas intermediates;
    private final ClusterConnector connector;
    private final SecretOperator secrets = new SecretOperator();

    public EnsureCaService(RootCas roots, IntermediateCas intermediates, ClusterConnector connector) {
        this.roots = roots;
        this.intermediates = intermediates;
        this.connector = connector;
    }

    public EnsureCaService(SecretStore store, CaSecretNames names, CaSettings settings, ClusterConnector connector,
                           Clock clock) {
        this(new RootCas(store, names, settings, clock), new IntermediateCas(store, names, settings, clock), connector);
    }

    public CaResult ensure(Cluster cluster) {
        // 1. the mesh root: generated on first use, adopted, or reused
        RootCa root = roots.ensure(cluster.meshId());
        // 2. this cluster's intermediate, signed by that root
        IntermediateCa intermediate = intermediates.ensure(cluster.meshId(), cluster.clusterName(), root);
        // 3. cacerts in istio-system, where istiod will find it
        ApplyOutcome cacerts = writeCaCerts(cluster, root, intermediate);
        LOG.info("CA ready: root {} {}, intermediate {} {} until {}, cacerts {}", root.outcome(),
                root.ca().fingerprint(), intermediate.outcome(), intermediate.ca().fingerprint(),
                intermediate.ca().notAfter(), cacerts);
        return CaResult.of(root, intermediate, cacerts);
    }

    private ApplyOutcome writeCaCerts(Cluster cluster, RootCa root, IntermediateCa intermediate) {
        try (KubernetesClient client = connector.connect(cluster.region(), cluster.clusterName())) {
            String where = "cluster " + cluster.clusterName();
            if (ObjectOperator.ensureNamespace(client, where, Istio.NAMESPACE) == ApplyOutcome.CREATED) {
                LOG.info("created namespace {}", Istio.NAMESPACE);
            }
            return secrets.apply(client, cluster.clusterName(), CaCertsSecret.desired(root.ca(), intermediate.ca()));
        }
    }
}
