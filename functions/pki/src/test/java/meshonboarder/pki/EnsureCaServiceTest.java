package meshonboarder.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.ca.CaCerts;
import meshonboarder.ca.CaResult;
import meshonboarder.ca.CaSettings;
import meshonboarder.ca.CertificateAuthority;
import meshonboarder.ca.EnsureCaService;
import meshonboarder.ca.IntermediateOutcome;
import meshonboarder.ca.KeyAlgorithm;
import meshonboarder.ca.RootOutcome;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidCa;
import meshonboarder.json.Json;
import meshonboarder.secrets.CaSecretNames;
import meshonboarder.secrets.SecretStore;
import meshonboarder.testing.CaFixtures;
import org.junit.jupiter.api.Test;

/**
 * EnsureCa's service with its CA decisions on an in-memory secret store and {@code cacerts}, and real certificates:
 * here rather than in domain, because only this module can issue them (BouncyCastle). The decisions one by one,
 * against moto's Secrets Manager: RootCaPolicyTest, IntermediateCaPolicyTest; the step end to end: EnsureCaHandlerTest.
 */
class EnsureCaServiceTest {

    private static final CaSettings SETTINGS = new CaSettings(null, KeyAlgorithm.ECDSA_P256, 3650, 730, 30);
    private static final Cluster CLUSTER = new Cluster("eks-1", "us-east-1", "mesh1", "net-1",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-1", "ACTIVE", "https://eks-1.example", IpFamily.IPV4,
            "vpc-1", "1.33", "API", false);

    private final Secrets store = new Secrets();
    private final Map<String, CaCerts> cacerts = new HashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final EnsureCaService service = new EnsureCaService(store, new CaSecretNames("istio-mesh"), SETTINGS,
            new BouncyCastleCaIssuer(), (region, clusterName, desired) -> {
                CaCerts before = cacerts.put(clusterName, desired);
                ApplyOutcome outcome = before == null ? ApplyOutcome.CREATED
                        : before.equals(desired) ? ApplyOutcome.UNCHANGED : ApplyOutcome.UPDATED;
                if (outcome != ApplyOutcome.UNCHANGED) {
                    writes.add("cacerts " + clusterName);
                }
                return outcome;
            }, Clock.systemUTC());

    /** Secrets by name, no deletion; every write recorded. */
    private final class Secrets implements SecretStore {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> tags = new HashMap<>();

        @Override
        public Optional<Metadata> describe(String name) {
            return values.containsKey(name) ? Optional.of(new Metadata("arn:" + name, name, tags.get(name), null))
                    : Optional.empty();
        }

        @Override
        public Optional<String> currentValue(String arn) {
            return Optional.ofNullable(values.get(arn.substring("arn:".length())));
        }

        @Override
        public Optional<String> create(String name, String value, Map<String, String> newTags) {
            if (values.containsKey(name)) {
                return Optional.empty();
            }
            writes.add("create " + name);
            values.put(name, value);
            tags.put(name, newTags);
            return Optional.of("arn:" + name);
        }

        @Override
        public void putValue(String arn, String value) {
            writes.add("put " + arn);
            values.put(arn.substring("arn:".length()), value);
        }

        @Override
        public void tag(String arn, Map<String, String> newTags) {
            writes.add("tag " + arn);
            tags.merge(arn.substring("arn:".length()), newTags, (a, b) -> {
                Map<String, String> merged = new HashMap<>(a);
                merged.putAll(b);
                return merged;
            });
        }

        @Override
        public void restore(String arn) {
            writes.add("restore " + arn);
        }
    }

    @Test
    void ensure_whenTheMeshIsNew_createsTheRootAnIntermediateAndCacertsThatChainToIt() throws Exception {
        CaResult result = service.ensure(CLUSTER);

        assertThat(result.rootOutcome()).isEqualTo(RootOutcome.CREATED);
        assertThat(result.intermediateOutcome()).isEqualTo(IntermediateOutcome.ISSUED);
        assertThat(result.cacerts()).isEqualTo(ApplyOutcome.CREATED);
        assertThat(writes).containsExactly("create istio-mesh/mesh1/root-ca",
                "create istio-mesh/mesh1/clusters/eks-1/intermediate-ca", "cacerts eks-1");
        CaCerts written = cacerts.get("eks-1");
        X509Certificate intermediate = PemParser.certificates(written.caCert()).get(0);
        X509Certificate root = PemParser.certificates(written.rootCert()).get(0);
        assertThat(PemParser.certificates(written.certChain())).containsExactly(intermediate, root);
        assertThat(CaCertificates.keyMatches(intermediate, PemParser.privateKey(written.caKey()))).isTrue();
        CaFixtures.validate(List.of(intermediate), root);
        assertThat(result.intermediateFingerprint()).isEqualTo(CertificateAuthority.fingerprint(intermediate));
        assertThat(written.toString()).doesNotContain("PRIVATE KEY");
        assertThat(Json.MAPPER.writeValueAsString(result)).doesNotContain("PRIVATE KEY");
    }

    @Test
    void ensure_whenRunAgain_writesNothing() {
        service.ensure(CLUSTER);
        writes.clear();

        CaResult again = service.ensure(CLUSTER);

        assertThat(again.rootOutcome()).isEqualTo(RootOutcome.REUSED);
        assertThat(again.intermediateOutcome()).isEqualTo(IntermediateOutcome.REUSED);
        assertThat(again.cacerts()).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(writes).isEmpty();
    }

    @Test
    void ensure_whenTheStoredRootIsNoCa_failsBeforeTouchingTheCluster() {
        store.values.put("istio-mesh/mesh1/root-ca", CaFixtures.notACa().secretValue());

        assertThatThrownBy(() -> service.ensure(CLUSTER)).isInstanceOf(InvalidCa.class)
                .hasMessageContaining("istio-mesh/mesh1/root-ca");
        assertThat(cacerts).isEmpty();
        assertThat(writes).isEmpty();
    }
}
