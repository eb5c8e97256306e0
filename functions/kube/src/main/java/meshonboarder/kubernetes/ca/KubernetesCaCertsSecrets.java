package meshonboarder.kubernetes.ca;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.ca.CaCerts;
import meshonboarder.ca.CaCertsSecrets;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.ObjectOperator;
import meshonboarder.kubernetes.SecretOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CaCertsSecrets} on Kubernetes: {@link CaCertsSecret} applied by the {@link SecretOperator}. */
public final class KubernetesCaCertsSecrets implements CaCertsSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesCaCertsSecrets.class);

    private final ClusterConnector connector;
    private final SecretOperator secrets = new SecretOperator();

    public KubernetesCaCertsSecrets(ClusterConnector connector) {
        this.connector = connector;
    }

    @Override
    public ApplyOutcome apply(String region, String clusterName, CaCerts cacerts) {
        try (KubernetesClient client = connector.connect(region, clusterName)) {
            if (ObjectOperator.ensureNamespace(client, "cluster " + clusterName, Istio.NAMESPACE) == ApplyOutcome.CREATED) {
                LOG.info("created namespace {}", Istio.NAMESPACE);
            }
            return secrets.apply(client, clusterName, CaCertsSecret.desired(cacerts));
        }
    }
}
