package meshonboarder.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** A cluster's CA as EKS gives it ({@code certificateAuthority.data}: base64 of PEM), and TLS that trusts it alone. */
final class ClusterCa {

    private final List<X509Certificate> certificates;

    private ClusterCa(List<X509Certificate> certificates) {
        this.certificates = certificates;
    }

    static ClusterCa parse(String clusterName, String base64Pem) {
        try {
            byte[] pem = Base64.getMimeDecoder().decode(base64Pem);
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate");
            }
            return new ClusterCa(certificates);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("The certificate authority that EKS gives for cluster '" + clusterName
                    + "' is not a PEM certificate, so its API server cannot be verified.", e);
        }
    }

    X509TrustManager trustManager() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("cluster-ca-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JVM has no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build a trust store for the cluster CA", e);
        }
    }

    SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not set up TLS for the cluster CA", e);
        }
    }
}
