package meshonboarder.ca;

import java.time.Clock;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.secrets.CaSecretNames;
import meshonboarder.secrets.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code EnsureCa} step: the mesh root ({@link RootCaPolicy}), the cluster's intermediate signed by it
 * ({@link IntermediateCaPolicy}), and the {@code cacerts} Secret that hands both to istiod. Every part is reused
 * when it is already right, so a re-run writes nothing.
 */
public final class EnsureCaService {

    private static final Logger LOG = LoggerFactory.getLogger(EnsureCaService.class);

    private final RootCaPolicy roots;
    private final IntermediateCaPolicy intermediates;
    private final CaCertsSecrets cacerts;

    public EnsureCaService(SecretStore store, CaSecretNames names, CaSettings settings, CaIssuer issuer,
                           CaCertsSecrets cacerts, Clock clock) {
        this.roots = new RootCaPolicy(store, names, settings, issuer, clock);
        this.intermediates = new IntermediateCaPolicy(store, names, settings, issuer, clock);
        this.cacerts = cacerts;
    }

    public CaResult ensure(Cluster cluster) {
        // 1. the mesh root: generated on first use, adopted, or reused
        RootCa root = roots.ensure(cluster.meshId());
        // 2. this cluster's intermediate, signed by that root
        IntermediateCa intermediate = intermediates.ensure(cluster.meshId(), cluster.clusterName(), root);
        // 3. cacerts in istio-system, where istiod will find it
        ApplyOutcome written = cacerts.apply(cluster.region(), cluster.clusterName(),
                CaCerts.of(root.ca(), intermediate.ca()));
        LOG.info("CA ready: root {} {}, intermediate {} {} until {}, cacerts {}", root.outcome(),
                root.ca().fingerprint(), intermediate.outcome(), intermediate.ca().fingerprint(),
                intermediate.ca().notAfter(), written);
        return CaResult.of(root, intermediate, written);
    }
}
