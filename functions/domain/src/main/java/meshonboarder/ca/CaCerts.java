package meshonboarder.ca;

/**
 * What Istio's {@code cacerts} Secret hands istiod so that it signs with a plugged-in CA instead of its self-signed
 * one: the cluster's intermediate, its key, the mesh root, and the chain from the intermediate to the root, as PEM.
 * It must exist before istiod is installed: istiod that started without it keeps its own CA. Holds a private key, so
 * it prints without it.
 */
public record CaCerts(String caCert, String caKey, String rootCert, String certChain) {

    public static CaCerts of(CertificateAuthority root, CertificateAuthority intermediate) {
        return new CaCerts(Pem.encode(intermediate.certificate()), Pem.encode(intermediate.privateKey()),
                Pem.encode(root.certificate()), Pem.encode(intermediate.certificate(), root.certificate()));
    }

    @Override
    public String toString() {
        return "CaCerts[caKey redacted]";
    }
}
