package meshonboarder.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import meshonboarder.ca.CertificateAuthority;
import meshonboarder.ca.KeyAlgorithm;
import meshonboarder.errors.InvalidCa;
import meshonboarder.json.Json;
import meshonboarder.testing.CaFixtures;
import meshonboarder.testing.CaFixtures.PemPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;

class CaSecretValueTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NAME = "istio-mesh/mesh1/root-ca";
    // RSA keys take a while to generate: two serve every test.
    private static final PemPair ROOT = CaFixtures.toolsCertsRoot();
    private static final PemPair OTHER = CaFixtures.toolsCertsRoot();

    @Test
    void write_whenReadBack_givesTheSameCa() {
        CertificateAuthority ca = newCa();

        CertificateAuthority read = CaSecretValue.read(CaSecretValue.write(ca), NAME);

        assertThat(read.certificate()).isEqualTo(ca.certificate());
        assertThat(read.privateKey().getEncoded()).isEqualTo(ca.privateKey().getEncoded());
    }

    @Test
    void write_whenCalled_isTheDocumentedJsonWithPkcs8Key() throws Exception {
        var json = Json.MAPPER.readTree(CaSecretValue.write(newCa()));

        assertThat(json.fieldNames()).toIterable().containsExactly("certificate", "privateKey");
        assertThat(json.get("certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(json.get("privateKey").asText()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void read_whenKeyIsPkcs1AsOlderOpensslWritesIt_acceptsIt() {
        PemPair root = ROOT;
        assertThat(root.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        CertificateAuthority ca = CaSecretValue.read(root.secretValue(), NAME);

        assertThat(ca.subject()).isEqualTo("CN=Root CA,O=Istio");
    }

    @Test
    void read_whenNotJson_failsWithoutQuotingTheValue() {
        PemPair root = ROOT;
        String notJson = root.certificate() + root.privateKey();

        assertThatThrownBy(() -> CaSecretValue.read(notJson, NAME))
                .isInstanceOf(InvalidCa.class)
                .hasMessageContaining(NAME).hasMessageContaining("is not a JSON object")
                .satisfies(e -> assertNoKeyMaterial(e, root))
                .hasNoCause();
    }

    @Test
    void read_whenKeyBelongsToAnotherCertificate_failsClearly() {
        PemPair root = ROOT;
        PemPair other = OTHER;
        String mixed = new PemPair(root.certificate(), other.privateKey()).secretValue();

        assertThatThrownBy(() -> CaSecretValue.read(mixed, NAME))
                .isInstanceOf(InvalidCa.class)
                .hasMessageContaining("private key that does not belong to its certificate")
                .satisfies(e -> assertNoKeyMaterial(e, other));
    }

    @Test
    void read_whenKeyIsEncrypted_saysHowToDecryptIt() throws Exception {
        KeyPair keys = CaFixtures.rsa(2048);
        StringWriter encrypted = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(encrypted)) {
            writer.writeObject(keys.getPrivate(),
                    new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider()).build("secret".toCharArray()));
        }
        String value = new PemPair(CaFixtures.pem(CaFixtures.selfSigned(keys,
                new X500Name("CN=Root CA"), true)), encrypted.toString()).secretValue();

        assertThatThrownBy(() -> CaSecretValue.read(value, NAME))
                .isInstanceOf(InvalidCa.class)
                .hasMessageContaining("is encrypted").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void read_whenCertificateFieldHoldsAKey_failsWithoutQuotingIt() {
        PemPair root = ROOT;
        String swapped = new PemPair(root.privateKey(), root.privateKey()).secretValue();

        assertThatThrownBy(() -> CaSecretValue.read(swapped, NAME))
                .isInstanceOf(InvalidCa.class)
                .hasMessageContaining("'certificate' that holds a PEM block that is not a certificate")
                .satisfies(e -> assertNoKeyMaterial(e, root));
    }

    @Test
    void read_whenCertificateFieldHoldsAChain_asksForTheCaCertificateOnly() {
        PemPair root = ROOT;
        String chain = new PemPair(root.certificate() + OTHER.certificate(), root.privateKey())
                .secretValue();

        assertThatThrownBy(() -> CaSecretValue.read(chain, NAME))
                .isInstanceOf(InvalidCa.class).hasMessageContaining("has 2 certificates");
    }

    @Test
    void read_whenBase64IsDamaged_failsWithoutQuotingIt() {
        PemPair root = ROOT;
        String damagedKey = root.privateKey().replace("\n", "\n!!");

        assertThatThrownBy(() -> CaSecretValue.read(new PemPair(root.certificate(), damagedKey).secretValue(), NAME))
                .isInstanceOf(InvalidCa.class)
                .hasMessageContaining("'privateKey' that is not a valid PEM private key")
                .satisfies(e -> assertNoKeyMaterial(e, root));
    }

    @Test
    void read_whenAFieldIsMissing_namesIt() {
        assertThatThrownBy(() -> CaSecretValue.read("{\"certificate\": \"x\"}", NAME))
                .isInstanceOf(InvalidCa.class).hasMessageContaining("has no 'privateKey' string");
    }

    @Test
    void toString_whenCalled_leavesTheKeyOut() {
        CertificateAuthority ca = newCa();

        assertThat(ca.toString()).contains("sha256=").doesNotContain(
                Base64.getEncoder().encodeToString(ca.privateKey().getEncoded()).substring(0, 40));
    }

    /** No line of the key's PEM (nor the whole value) shows up in the message or any cause's. */
    static void assertNoKeyMaterial(Throwable e, PemPair pair) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertThat(message).doesNotContain("PRIVATE KEY");
            pair.privateKey().lines().filter(l -> !l.startsWith("-----"))
                    .forEach(line -> assertThat(message).doesNotContain(line.substring(0, Math.min(24, line.length()))));
        }
    }

    private static CertificateAuthority newCa() {
        return CaCertificates.root("mesh1", KeyAlgorithm.ECDSA_P256.generate(RANDOM), Duration.ofDays(1),
                Instant.now(), RANDOM);
    }
}
