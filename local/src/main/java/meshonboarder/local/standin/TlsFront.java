package meshonboarder.local.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * HTTPS in front of a stand-in API server, with a certificate that names {@code localhost} and {@code 127.0.0.1}
 * in its subject alternative names. The fabric8 mock server's own certificate has only a common name, which Go
 * clients (Helm) refuse; this front terminates TLS and passes the bytes to the mock server over plain HTTP.
 */
final class TlsFront implements AutoCloseable {

    private final SSLServerSocketFactory sockets;
    private final int port;
    private volatile SSLServerSocket server;
    private boolean closed;
    private final int backendPort;
    private final String caPem;
    private final RequestCounter requests = new RequestCounter();
    // the clients' connections now open through the front: dropped when the API server goes off the network
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Until when every new connection is answered 401, as an API server does for a fresh access entry. */
    private volatile Instant refuseUntil = Instant.MIN;

    TlsFront(int backendPort) {
        this.backendPort = backendPort;
        try {
            KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
            X509Certificate certificate = selfSigned(keys);
            this.caPem = pem(certificate);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, new char[0]);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, new SecureRandom());
            this.sockets = tls.getServerSocketFactory();
            this.server = listen(0);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the TLS front of a stand-in cluster", e);
        }
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    private SSLServerSocket listen(int onPort) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) sockets.createServerSocket();
        socket.setReuseAddress(true); // the port again at once, past the TIME_WAIT of the connections just dropped
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
        return socket;
    }

    private void startAccepting(SSLServerSocket socket) {
        Thread acceptor = new Thread(() -> accept(socket), "tls-front-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String endpoint() {
        return "https://localhost:" + port;
    }

    /**
     * Takes the API server off the network: nothing listens on its port any more, so a new connection is refused
     * (the kernel answers the SYN with a reset), and the connections open now are dropped. A closed security group
     * or a private endpoint drops the SYN instead ("dial tcp ...:443: i/o timeout" from outside a private-only
     * endpoint's VPC, aws/aws-eks-best-practices issue 60): the same failure to fabric8 (no HTTP status, an
     * IOException), after its connect timeout (10 s by default, on each of its tries), so refused keeps runs short.
     */
    synchronized void offNetwork() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropConnections();
    }

    /** Listens again on the same port: the endpoint and CA that EKS gives for the cluster work again. */
    synchronized void onNetwork() {
        if (closed || !server.isClosed()) {
            return;
        }
        try {
            server = listen(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port + " of the stand-in API server again", e);
        }
        startAccepting(server);
    }

    String caPem() {
        return caPem;
    }

    private void accept(SSLServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (Instant.now().isBefore(refuseUntil)) {
                    unauthorized(client);
                    continue;
                }
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                open.add(client);
                pump(client, backend, requests.connection());
                pump(backend, client, null);
            } catch (IOException e) {
                // closed, or one connection failed: the client sees its connection end
            }
        }
    }

    /** Answers every connection made in the next {@code duration} with 401 Unauthorized. */
    void refuseFor(Duration duration) {
        refuseUntil = Instant.now().plus(duration);
    }

    /**
     * Drops the clients' open connections: their next requests come on new connections. The front decides per
     * connection, an API server authenticates every request; after a change of what it accepts, this keeps a
     * kept-alive connection from passing the change by.
     */
    void dropConnections() {
        open.forEach(TlsFront::closeQuietly);
    }

    /** Reads the request head, answers 401 with a Kubernetes Status and closes, off the acceptor thread. */
    private static void unauthorized(Socket client) {
        Thread t = new Thread(() -> {
            try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
                int matched = 0;
                byte[] end = {'\r', '\n', '\r', '\n'};
                for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                    matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the client went away
            }
        }, "tls-refuse");
        t.setDaemon(true);
        t.start();
    }

    /** What clients asked of the API server through this front (not the stand-in control plane's own calls). */
    RequestCounter requests() {
        return requests;
    }

    /**
     * Copies one direction of a connection; the request direction is also read by a {@link RequestCounter}. A
     * thread per direction and no pool: a pooled pump would hold its thread for the connection's life, and
     * clients (Helm, handlers in many concurrent invocations) keep connections open.
     */
    private void pump(Socket from, Socket to, RequestCounter.Connection counter) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16384];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (counter != null) {
                        counter.feed(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tls-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=localhost,O=mesh-onboarder local runner");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
