package meshonboarder.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import meshonboarder.ca.CertificateAuthority;
import meshonboarder.ca.KeyAlgorithm;
import meshonboarder.testing.CaFixtures;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaCertificatesTest {

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DNS_NAME = 2;
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void intermediate_whenValidatedWithPkix_chainsToTheRootAndCanSignWorkloads(KeyAlgorithm algorithm)
            throws Exception {
        CertificateAuthority root = root(algorithm, NOW);
        CertificateAuthority intermediate = intermediate(root, algorithm, NOW);
        X509Certificate workload = workload(intermediate, NOW);

        CaFixtures.validate(List.of(intermediate.certificate()), root.certificate(), NOW);
        CaFixtures.validate(List.of(workload, intermediate.certificate()), root.certificate(), NOW);
        String sha256 = algorithm == KeyAlgorithm.RSA_4096 ? "SHA256withRSA" : "SHA256withECDSA";
        assertThat(root.certificate().getSigAlgName()).isEqualTo(sha256);
        assertThat(intermediate.certificate().getSigAlgName()).isEqualTo(sha256);
        assertThat(root.certificate().getPublicKey().getAlgorithm()).isEqualTo(
                algorithm == KeyAlgorithm.RSA_4096 ? "RSA" : "EC");
    }

    @Test
    void root_whenBuilt_isASelfSignedCaWithCriticalBasicConstraints() throws Exception {
        X509Certificate root = root(KeyAlgorithm.ECDSA_P256, NOW).certificate();

        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE); // CA:true, no path length limit
        assertThat(root.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(),
                Extension.keyUsage.getId());
        assertThat(root.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(rdns(root.getSubjectX500Principal().getName()))
                .contains("O=Istio", "CN=Root CA", "OU=mesh1");
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void root_whenBuilt_isValidForTheGivenDaysFromNow() {
        X509Certificate root = root(KeyAlgorithm.ECDSA_P256, NOW).certificate();

        assertThat(root.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
        assertThat(root.getNotBefore().toInstant()).isBefore(NOW);
    }

    @Test
    void intermediate_whenBuilt_followsIstioToolsCertsConventions() throws Exception {
        CertificateAuthority root = root(KeyAlgorithm.ECDSA_P256, NOW);
        X509Certificate intermediate = intermediate(root, KeyAlgorithm.ECDSA_P256, NOW).certificate();

        assertThat(intermediate.getBasicConstraints()).isZero(); // CA:true, pathlen:0
        assertThat(intermediate.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(),
                Extension.keyUsage.getId());
        assertThat(intermediate.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(intermediate.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
        assertThat(rdns(intermediate.getSubjectX500Principal().getName()))
                .contains("O=Istio", "CN=Intermediate CA", "L=eks-1", "OU=mesh1");
        assertThat(intermediate.getIssuerX500Principal()).isEqualTo(root.certificate().getSubjectX500Principal());
        assertThat(intermediate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(intermediate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(730)));
    }

    @Test
    void intermediate_whenBuilt_hasTheIstiodSan() throws Exception {
        X509Certificate intermediate = intermediate(root(KeyAlgorithm.ECDSA_P256, NOW), KeyAlgorithm.ECDSA_P256, NOW)
                .certificate();

        assertThat(intermediate.getSubjectAlternativeNames())
                .containsExactly(List.of(DNS_NAME, "istiod.istio-system.svc"));
    }

    @Test
    void intermediate_whenBuilt_hasNoExtendedKeyUsageThatCouldExcludeMtls() throws Exception {
        X509Certificate intermediate = intermediate(root(KeyAlgorithm.ECDSA_P256, NOW), KeyAlgorithm.ECDSA_P256, NOW)
                .certificate();

        List<String> eku = intermediate.getExtendedKeyUsage();
        if (eku != null) {
            assertThat(eku).contains(SERVER_AUTH, CLIENT_AUTH);
        }
    }

    @Test
    void intermediate_whenTheRootEndsFirst_endsWithTheRoot() {
        CertificateAuthority root = CaCertificates.root("mesh1", KeyAlgorithm.ECDSA_P256.generate(RANDOM),
                Duration.ofDays(100), NOW, RANDOM);

        CertificateAuthority intermediate = intermediate(root, KeyAlgorithm.ECDSA_P256, NOW);

        assertThat(intermediate.notAfter()).isEqualTo(root.notAfter());
    }

    @Test
    void intermediate_whenAnotherCaIsSignedBelowIt_failsPkixBecauseOfPathLengthZero() throws Exception {
        CertificateAuthority root = root(KeyAlgorithm.ECDSA_P256, NOW);
        CertificateAuthority intermediate = intermediate(root, KeyAlgorithm.ECDSA_P256, NOW);
        CertificateAuthority below = CaCertificates.intermediate(intermediate, "mesh1", "rogue",
                KeyAlgorithm.ECDSA_P256.generate(RANDOM), Duration.ofDays(1), NOW, RANDOM);

        X509Certificate workload = workload(below, NOW);

        assertThatThrownBy(() -> CaFixtures.validate(
                List.of(workload, below.certificate(), intermediate.certificate()), root.certificate(), NOW))
                .isInstanceOf(CertPathValidatorException.class).hasMessageContaining("pathLenConstraint");
    }

    @Test
    void keyMatches_whenKeyIsAnothers_isFalse() {
        CertificateAuthority a = root(KeyAlgorithm.ECDSA_P256, NOW);
        CertificateAuthority b = root(KeyAlgorithm.ECDSA_P256, NOW);

        assertThat(CaCertificates.keyMatches(a.certificate(), a.privateKey())).isTrue();
        assertThat(CaCertificates.keyMatches(a.certificate(), b.privateKey())).isFalse();
    }

    private static CertificateAuthority root(KeyAlgorithm algorithm, Instant now) {
        return CaCertificates.root("mesh1", algorithm.generate(RANDOM), Duration.ofDays(3650), now, RANDOM);
    }

    private static CertificateAuthority intermediate(CertificateAuthority root, KeyAlgorithm algorithm, Instant now) {
        return CaCertificates.intermediate(root, "mesh1", "eks-1", algorithm.generate(RANDOM), Duration.ofDays(730),
                now, RANDOM);
    }

    /** A workload certificate as istiod would sign it: a leaf with serverAuth and clientAuth, SPIFFE SAN. */
    private static X509Certificate workload(CertificateAuthority issuer, Instant now) throws Exception {
        KeyPair keys = KeyAlgorithm.ECDSA_P256.generate(RANDOM);
        var builder = new JcaX509v3CertificateBuilder(issuer.certificate(), BigInteger.TEN,
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofHours(24))), new X500Name(""),
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(new GeneralName(
                GeneralName.uniformResourceIdentifier, "spiffe://cluster.local/ns/default/sa/default")));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(CaCertificates.signatureAlgorithm(issuer.privateKey()))
                        .build(issuer.privateKey())));
    }

    private static List<String> rdns(String dn) throws Exception {
        return new LdapName(dn).getRdns().stream().map(Rdn::toString).toList();
    }
}
