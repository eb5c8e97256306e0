package meshonboarder.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import meshonboarder.aws.AwsSecretStore;
import meshonboarder.ca.CaIssuer;
import meshonboarder.ca.CaSettings;
import meshonboarder.ca.CertificateAuthority;
import meshonboarder.ca.KeyAlgorithm;
import meshonboarder.ca.RootCa;
import meshonboarder.ca.RootCaPolicy;
import meshonboarder.ca.RootOutcome;
import meshonboarder.errors.InvalidCa;
import meshonboarder.secrets.CaSecretNames;
import meshonboarder.secrets.SecretStore;
import meshonboarder.testing.CaFixtures;
import meshonboarder.testing.CaFixtures.PemPair;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

class RootCaPolicyTest {

    private static final CaSettings SETTINGS = new CaSettings(null, KeyAlgorithm.ECDSA_P256, 3650, 730, 30);
    private static final CaSecretNames NAMES = new CaSecretNames("istio-mesh");
    private static final CaIssuer ISSUER = new BouncyCastleCaIssuer();

    private final SecretsManagerClient secrets = MotoServer.aws().secretsManager();
    private final RootCaPolicy roots = roots(SETTINGS);

    @Test
    void ensure_whenTheMeshIsNew_createsATaggedRootSecret() {
        String mesh = MotoServer.unique("mesh");

        RootCa root = roots.ensure(mesh);

        assertThat(root.outcome()).isEqualTo(RootOutcome.CREATED);
        assertThat(root.secretName()).isEqualTo("istio-mesh/" + mesh + "/root-ca");
        DescribeSecretResponse secret = secrets.describeSecret(r -> r.secretId(root.secretArn()));
        assertThat(secret.name()).isEqualTo("istio-mesh/" + mesh + "/root-ca");
        assertThat(secret.tags()).containsExactly(Tag.builder().key("mesh-onboarder:mesh").value(mesh).build());
        CertificateAuthority stored = CaSecretValue.read(
                secrets.getSecretValue(r -> r.secretId(root.secretArn())).secretString(), "root");
        assertThat(stored.fingerprint()).isEqualTo(root.ca().fingerprint());
    }

    @Test
    void ensure_whenTheRootExists_reusesIt() {
        String mesh = MotoServer.unique("mesh");
        RootCa first = roots.ensure(mesh);

        RootCa second = roots.ensure(mesh);

        assertThat(second.outcome()).isEqualTo(RootOutcome.REUSED);
        assertThat(second.secretArn()).isEqualTo(first.secretArn());
        assertThat(second.ca().fingerprint()).isEqualTo(first.ca().fingerprint());
    }

    @Test
    void ensure_whenOnboardingsOfANewMeshRunAtOnce_createsOneRoot() throws Exception {
        String mesh = MotoServer.unique("mesh");
        int onboardings = 6;
        // Every onboarding looks before any creates: all of them find no root and race to CreateSecret.
        CyclicBarrier allLooked = new CyclicBarrier(onboardings);
        AtomicInteger createCalls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(onboardings);
        try {
            List<Future<RootCa>> results = new ArrayList<>();
            for (int i = 0; i < onboardings; i++) {
                SecretStore racing = new RacingStore(allLooked, createCalls);
                results.add(pool.submit(() -> new RootCaPolicy(racing, NAMES, SETTINGS, ISSUER, Clock.systemUTC())
                        .ensure(mesh)));
            }
            List<RootCa> roots = new ArrayList<>();
            for (Future<RootCa> result : results) {
                roots.add(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(createCalls).hasValue(onboardings);
            assertThat(roots).extracting(r -> r.ca().fingerprint()).containsOnly(roots.get(0).ca().fingerprint());
            assertThat(roots).extracting(RootCa::secretArn).containsOnly(roots.get(0).secretArn());
            assertThat(roots).extracting(RootCa::outcome).containsOnlyOnce(RootOutcome.CREATED);
            assertThat(secrets.listSecrets(r -> r.filters(Filter.builder().key(FilterNameStringType.NAME)
                    .values("istio-mesh/" + mesh + "/").build())).secretList()).hasSize(1);
            CertificateAuthority stored = CaSecretValue.read(
                    secrets.getSecretValue(r -> r.secretId(roots.get(0).secretArn())).secretString(), "root");
            assertThat(stored.fingerprint()).isEqualTo(roots.get(0).ca().fingerprint());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ensure_whenAUserPutARootThere_adoptsAndTagsIt() {
        String mesh = MotoServer.unique("mesh");
        PemPair toolsCerts = CaFixtures.toolsCertsRoot();
        String arn = secrets.createSecret(r -> r.name("istio-mesh/" + mesh + "/root-ca")
                .secretString(toolsCerts.secretValue())).arn();

        RootCa adopted = roots.ensure(mesh);
        RootCa again = roots.ensure(mesh);

        assertThat(adopted.outcome()).isEqualTo(RootOutcome.ADOPTED);
        assertThat(adopted.secretArn()).isEqualTo(arn);
        assertThat(adopted.ca().certificate()).isEqualTo(PemParser.certificates(toolsCerts.certificate()).get(0));
        assertThat(secrets.describeSecret(r -> r.secretId(arn)).tags())
                .contains(Tag.builder().key("mesh-onboarder:mesh").value(mesh).build());
        assertThat(again.outcome()).isEqualTo(RootOutcome.REUSED);
    }

    @Test
    void ensure_whenTheAdoptedRootIsMalformed_failsClearlyWithoutQuotingIt() {
        String mesh = MotoServer.unique("mesh");
        PemPair toolsCerts = CaFixtures.toolsCertsRoot();
        String cut = new PemPair(toolsCerts.certificate(),
                toolsCerts.privateKey().substring(0, toolsCerts.privateKey().length() / 2)).secretValue();
        secrets.createSecret(r -> r.name("istio-mesh/" + mesh + "/root-ca").secretString(cut));

        assertThatThrownBy(() -> roots.ensure(mesh))
                .isInstanceOf(InvalidCa.class)
                .hasMessage("The CA secret istio-mesh/" + mesh + "/root-ca has a 'privateKey' that is not a valid "
                        + "PEM private key. See docs/mesh-ca.md, \"Secret value format\", for the expected format.")
                .satisfies(e -> CaSecretValueTest.assertNoKeyMaterial(e, toolsCerts));
    }

    @Test
    void ensure_whenTheAdoptedRootIsNotACa_failsClearly() {
        String mesh = MotoServer.unique("mesh");
        PemPair server = CaFixtures.notACa();
        secrets.createSecret(r -> r.name("istio-mesh/" + mesh + "/root-ca").secretString(server.secretValue()));

        assertThatThrownBy(() -> roots.ensure(mesh))
                .isInstanceOf(InvalidCa.class)
                .hasMessage("The root CA in secret istio-mesh/" + mesh + "/root-ca is not a CA certificate "
                        + "(basicConstraints CA:true is missing).");
    }

    @Test
    void ensure_whenTheAdoptedRootHasNoValue_saysWhatToPutThere() {
        String mesh = MotoServer.unique("mesh");
        secrets.createSecret(r -> r.name("istio-mesh/" + mesh + "/root-ca"));

        assertThatThrownBy(() -> roots.ensure(mesh))
                .isInstanceOf(InvalidCa.class).hasMessageContaining("has no value");
    }

    @Test
    void ensure_whenTheRootIsScheduledForDeletion_refusesToReplaceIt() {
        String mesh = MotoServer.unique("mesh");
        RootCa root = roots.ensure(mesh);
        secrets.deleteSecret(r -> r.secretId(root.secretArn()).recoveryWindowInDays(7L));

        assertThatThrownBy(() -> roots.ensure(mesh))
                .isInstanceOf(InvalidCa.class)
                .hasMessageContaining("is scheduled for deletion").hasMessageContaining("restore-secret");
    }

    @Test
    void ensure_whenAKmsKeyIsConfigured_encryptsNewRootsWithIt() {
        String mesh = MotoServer.unique("mesh");
        CaSettings withKey = new CaSettings("alias/mesh-ca", KeyAlgorithm.ECDSA_P256, 3650, 730, 30);

        RootCa root = roots(withKey).ensure(mesh);

        assertThat(secrets.describeSecret(r -> r.secretId(root.secretArn())).kmsKeyId()).isEqualTo("alias/mesh-ca");
    }

    /** Moto behind a barrier: each onboarding's first look waits until all have looked. */
    private static final class RacingStore implements SecretStore {
        private final SecretStore moto = new AwsSecretStore(MotoServer.aws(), null);
        private final CyclicBarrier allLooked;
        private final AtomicInteger createCalls;
        private boolean looked;

        RacingStore(CyclicBarrier allLooked, AtomicInteger createCalls) {
            this.allLooked = allLooked;
            this.createCalls = createCalls;
        }

        @Override
        public Optional<Metadata> describe(String name) {
            Optional<Metadata> found = moto.describe(name);
            if (!looked) {
                looked = true;
                try {
                    allLooked.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return found;
        }

        @Override
        public Optional<String> create(String name, String value, Map<String, String> tags) {
            createCalls.incrementAndGet();
            return moto.create(name, value, tags);
        }

        @Override
        public Optional<String> currentValue(String arn) {
            return moto.currentValue(arn);
        }

        @Override
        public void putValue(String arn, String value) {
            moto.putValue(arn, value);
        }

        @Override
        public void tag(String arn, Map<String, String> tags) {
            moto.tag(arn, tags);
        }

        @Override
        public void restore(String arn) {
            moto.restore(arn);
        }
    }

    private static RootCaPolicy roots(CaSettings settings) {
        return new RootCaPolicy(new AwsSecretStore(MotoServer.aws(), settings.kmsKeyId()), NAMES, settings, ISSUER,
                Clock.systemUTC());
    }
}
