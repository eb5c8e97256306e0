package meshonboarder.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import meshonboarder.aws.AwsSecretStore;
import meshonboarder.aws.SecretsManagerIntermediateCas;
import meshonboarder.aws.SecretsManagerIntermediateCas.CaRecoveryWindow;
import meshonboarder.ca.CaIssuer;
import meshonboarder.ca.CaSettings;
import meshonboarder.ca.CertificateAuthority;
import meshonboarder.ca.IntermediateCa;
import meshonboarder.ca.IntermediateCaPolicy;
import meshonboarder.ca.IntermediateOutcome;
import meshonboarder.ca.KeyAlgorithm;
import meshonboarder.ca.RootCa;
import meshonboarder.ca.RootCaPolicy;
import meshonboarder.secrets.CaSecretNames;
import meshonboarder.secrets.SecretStore;
import meshonboarder.testing.CaFixtures;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

class IntermediateCaPolicyTest {

    private static final CaSettings SETTINGS = new CaSettings(null, KeyAlgorithm.ECDSA_P256, 3650, 730, 30);
    private static final CaSecretNames NAMES = new CaSecretNames("istio-mesh");
    private static final CaIssuer ISSUER = new BouncyCastleCaIssuer();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final SecretsManagerClient secrets = MotoServer.aws().secretsManager();
    private final SecretStore store = new AwsSecretStore(MotoServer.aws(), null);
    private final String mesh = MotoServer.unique("mesh");
    private final RootCa root = new RootCaPolicy(store, NAMES, SETTINGS, ISSUER, at(NOW)).ensure(mesh);

    @Test
    void ensure_whenTheClusterIsNew_issuesATaggedIntermediateSignedByTheRoot() throws Exception {
        IntermediateCa intermediate = intermediates(at(NOW)).ensure(mesh, "eks-1", root);

        assertThat(intermediate.outcome()).isEqualTo(IntermediateOutcome.ISSUED);
        assertThat(intermediate.secretName()).isEqualTo("istio-mesh/" + mesh + "/clusters/eks-1/intermediate-ca");
        CaFixtures.validate(List.of(intermediate.ca().certificate()), root.ca().certificate(), NOW);
        DescribeSecretResponse secret = secrets.describeSecret(r -> r.secretId(intermediate.secretArn()));
        assertThat(secret.tags()).containsExactlyInAnyOrder(
                Tag.builder().key("mesh-onboarder:mesh").value(mesh).build(),
                Tag.builder().key("mesh-onboarder:cluster").value("eks-1").build());
        assertThat(stored(intermediate).fingerprint()).isEqualTo(intermediate.ca().fingerprint());
    }

    @Test
    void ensure_whenTheStoredOneIsValidBeyondTheMargin_reusesIt() {
        IntermediateCa first = intermediates(at(NOW)).ensure(mesh, "eks-1", root);

        IntermediateCa later = intermediates(at(NOW.plus(Duration.ofDays(699)))).ensure(mesh, "eks-1", root);

        assertThat(later.outcome()).isEqualTo(IntermediateOutcome.REUSED);
        assertThat(later.ca().fingerprint()).isEqualTo(first.ca().fingerprint());
        assertThat(later.secretArn()).isEqualTo(first.secretArn());
    }

    @Test
    void ensure_whenTheStoredOneExpiresWithinTheMargin_reissuesItInTheSameSecret() {
        IntermediateCa first = intermediates(at(NOW)).ensure(mesh, "eks-1", root);
        Instant later = NOW.plus(Duration.ofDays(701)); // 29 days left, margin 30

        IntermediateCa renewed = intermediates(at(later)).ensure(mesh, "eks-1", root);

        assertThat(renewed.outcome()).isEqualTo(IntermediateOutcome.ISSUED);
        assertThat(renewed.secretArn()).isEqualTo(first.secretArn());
        assertThat(renewed.ca().fingerprint()).isNotEqualTo(first.ca().fingerprint());
        assertThat(renewed.ca().notAfter()).isEqualTo(later.plus(Duration.ofDays(730)));
        assertThat(stored(renewed).fingerprint()).isEqualTo(renewed.ca().fingerprint());
    }

    @Test
    void ensure_whenTheStoredOneIsExpired_reissuesIt() {
        intermediates(at(NOW)).ensure(mesh, "eks-1", root);

        IntermediateCa renewed = intermediates(at(NOW.plus(Duration.ofDays(800)))).ensure(mesh, "eks-1", root);

        assertThat(renewed.outcome()).isEqualTo(IntermediateOutcome.ISSUED);
    }

    @Test
    void ensure_whenTheRootChanged_reissuesUnderTheNewRoot() throws Exception {
        IntermediateCa first = intermediates(at(NOW)).ensure(mesh, "eks-1", root);
        RootCa otherRoot = new RootCaPolicy(store, NAMES, SETTINGS, ISSUER, at(NOW))
                .ensure(MotoServer.unique("mesh"));

        IntermediateCa reissued = intermediates(at(NOW)).ensure(mesh, "eks-1", otherRoot);

        assertThat(reissued.outcome()).isEqualTo(IntermediateOutcome.ISSUED);
        assertThat(reissued.secretArn()).isEqualTo(first.secretArn());
        CaFixtures.validate(List.of(reissued.ca().certificate()), otherRoot.ca().certificate(), NOW);
    }

    @Test
    void ensure_whenTheRootEndsWithinTheMargin_doesNotReissueOnEveryRun() {
        CaSettings shortRoot = new CaSettings(null, KeyAlgorithm.ECDSA_P256, 20, 730, 30);
        RootCa expiringRoot = new RootCaPolicy(store, NAMES, shortRoot, ISSUER, at(NOW))
                .ensure(MotoServer.unique("mesh"));
        IntermediateCa first = intermediates(at(NOW)).ensure(mesh, "eks-1", expiringRoot);

        IntermediateCa second = intermediates(at(NOW.plusSeconds(60))).ensure(mesh, "eks-1", expiringRoot);

        assertThat(first.ca().notAfter()).isEqualTo(expiringRoot.ca().notAfter());
        assertThat(second.outcome()).isEqualTo(IntermediateOutcome.REUSED);
    }

    @Test
    void ensure_whenTheStoredValueIsDamaged_replacesIt() {
        IntermediateCa first = intermediates(at(NOW)).ensure(mesh, "eks-1", root);
        secrets.putSecretValue(r -> r.secretId(first.secretArn()).secretString("{\"certificate\": \"oops\"}"));

        IntermediateCa replaced = intermediates(at(NOW)).ensure(mesh, "eks-1", root);

        assertThat(replaced.outcome()).isEqualTo(IntermediateOutcome.ISSUED);
        assertThat(stored(replaced).fingerprint()).isEqualTo(replaced.ca().fingerprint());
    }

    @Test
    void ensure_whenTheClusterComesBackWithinTheRecoveryWindow_restoresItsSecret() {
        IntermediateCa first = intermediates(at(NOW)).ensure(mesh, "eks-1", root);
        // offboarding retires it the way RetireMember does
        new SecretsManagerIntermediateCas(MotoServer.aws(), "istio-mesh", new CaRecoveryWindow(7)).retire(mesh, "eks-1");

        IntermediateCa back = intermediates(at(NOW)).ensure(mesh, "eks-1", root);

        assertThat(back.outcome()).isEqualTo(IntermediateOutcome.REUSED);
        assertThat(back.secretArn()).isEqualTo(first.secretArn());
        assertThat(secrets.describeSecret(r -> r.secretId(first.secretArn())).deletedDate()).isNull();
    }

    private CertificateAuthority stored(IntermediateCa intermediate) {
        return CaSecretValue.read(secrets.getSecretValue(r -> r.secretId(intermediate.secretArn())).secretString(),
                "intermediate");
    }

    private IntermediateCaPolicy intermediates(Clock clock) {
        return new IntermediateCaPolicy(store, NAMES, SETTINGS, ISSUER, clock);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
