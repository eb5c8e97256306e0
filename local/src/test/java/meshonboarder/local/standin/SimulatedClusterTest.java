package meshonboarder.local.standin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import meshonboarder.cluster.IpFamily;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in AWS Load Balancer Controller refuses what AWS refuses. Its turns are driven here by hand
 * ({@code reconcileQuietly()}), with no delay, so nothing waits on the clock.
 */
class SimulatedClusterTest {

    private final SimulatedCluster cluster = new SimulatedCluster("eks-1", IpFamily.IPV4,
            new SimulatedCluster.Behaviour(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofHours(1)));

    @AfterEach
    void close() {
        cluster.close();
    }

    private Service gateway(String addressType) {
        return cluster.client().services().inNamespace("istio-system").resource(new ServiceBuilder().withNewMetadata()
                .withName("istio-eastwestgateway").withNamespace("istio-system").addToAnnotations(Map.of(
                        "service.beta.kubernetes.io/aws-load-balancer-type", "external",
                        "service.beta.kubernetes.io/aws-load-balancer-ip-address-type", addressType))
                .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withName("tls").withPort(15443)
                .endPort().endSpec().build()).create();
    }

    private boolean hasAddress() {
        for (int turn = 0; turn < 20; turn++) {
            cluster.reconcileQuietly(); // as its loop does: a turn that loses a write race retries on the next
        }
        Service s = cluster.client().services().inNamespace("istio-system").withName("istio-eastwestgateway").get();
        return s.getStatus() != null && s.getStatus().getLoadBalancer() != null
                && s.getStatus().getLoadBalancer().getIngress() != null
                && !s.getStatus().getLoadBalancer().getIngress().isEmpty();
    }

    @Test
    void reconcile_whenControllerInstalledAndAwsAccepts_givesTheServiceAnAddress() {
        gateway("ipv4");

        assertThat(hasAddress()).isTrue();
    }

    /** {@code aws-load-balancer-type: external} is served by the AWS Load Balancer Controller alone. */
    @Test
    void reconcile_whenNoLoadBalancerController_neverGivesAnAddress() {
        cluster.removeLoadBalancerController();
        gateway("ipv4");

        assertThat(hasAddress()).isFalse();
    }

    /**
     * A dualstack NLB needs IPv6 CIDRs on its VPC and subnets (ELB docs, "Update the IP address types for your
     * Network Load Balancer"); the controller then records a Warning Event on the Service and makes nothing.
     */
    @Test
    void reconcile_whenAwsRefusesTheNlb_givesNoAddressAndWarnsOnceOnTheService() {
        cluster.placeLoadBalancers(s -> Optional.of("You must specify subnets with an associated IPv6 CIDR block"));
        gateway("dualstack");

        assertThat(hasAddress()).isFalse();
        assertThat(cluster.warnings("istio-system", "istio-eastwestgateway")).containsExactly(
                "FailedDeployModel: Failed deploy model due to ValidationError: You must specify subnets with an "
                        + "associated IPv6 CIDR block");
    }

    /** A GET of /api/v1/namespaces through the cluster's endpoint, trusting its CA as a kubeconfig would. */
    private int status() throws Exception {
        return status(client());
    }

    private int status(HttpClient http) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.endpoint()
                + "/api/v1/namespaces")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An HTTP client that trusts the cluster's CA, as kubectl with its kubeconfig does. */
    private HttpClient client() throws Exception {
        Certificate ca = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder()
                        .decode(cluster.certificateAuthority())));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * An API server authenticates every request: a client that keeps its connection open (Go's and the JDK's
     * clients do) meets the 401 on its next request too.
     */
    @Test
    void refuseEveryone_whenTheClientKeepsItsConnection_answers401ToItsNextRequest() throws Exception {
        HttpClient kept = client();
        assertThat(status(kept)).isEqualTo(200);

        cluster.refuseEveryone();

        assertThat(status(kept)).isEqualTo(401);
    }

    /** A fresh access entry is not effective at once: the API server answers 401 until it is. */
    @Test
    void accessEntryCreated_whenWithinItsDelay_answers401_whenSwitchedOff_answers() throws Exception {
        cluster.accessEntryDelay(Duration.ofHours(1));
        cluster.accessEntryCreated();

        assertThat(status()).isEqualTo(401);

        cluster.accessEntryDelay(Duration.ZERO);
        cluster.accessEntryCreated();

        assertThat(status()).isEqualTo(200);
    }

    /**
     * Off the network, nothing listens on the endpoint: a connection is refused, as to a closed port. Back on it,
     * the same endpoint, with the same CA, answers again.
     */
    @Test
    void offNetwork_refusesConnections_backOnNetwork_answersAtTheSameEndpoint() throws Exception {
        String endpoint = cluster.endpoint();
        assertThat(status()).isEqualTo(200);

        cluster.offNetwork();

        Assertions.assertThatThrownBy(this::status).isInstanceOf(ConnectException.class);

        cluster.backOnNetwork();

        assertThat(cluster.endpoint()).isEqualTo(endpoint);
        assertThat(status()).isEqualTo(200);
    }

    /** aws-node of the given release with ENABLE_V6_EGRESS=true, on this IPv4 cluster's nodes (IPv4 addresses only). */
    private boolean awsNodeRollsOut(String tag) {
        cluster.client().apps().daemonSets().inNamespace("kube-system").withName("aws-node").edit(ds -> {
            var node = ds.getSpec().getTemplate().getSpec().getContainers().get(0);
            node.setImage("602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:" + tag);
            node.getEnv().add(new EnvVar("ENABLE_V6_EGRESS", "true", null));
            ds.getMetadata().setGeneration(ds.getMetadata().getGeneration() == null ? 2 : ds.getMetadata().getGeneration() + 1);
            return ds;
        });
        for (int turn = 0; turn < 20; turn++) {
            cluster.reconcileQuietly();
        }
        var ds = cluster.client().apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
        return ds.getStatus() != null && ds.getStatus().getNumberReady() != null && ds.getStatus().getNumberReady() == 2
                && ds.getMetadata().getGeneration().equals(ds.getStatus().getObservedGeneration());
    }

    /** aws/amazon-vpc-cni-k8s pull request 2754: v1.16.2 returns the egress error, v1.16.3 and later only warn. */
    @Test
    void reconcile_whenV6EgressOnIpv4OnlyNodesWithAFailingCni_neverRollsOut() {
        assertThat(awsNodeRollsOut("v1.16.2-eksbuild.1")).isFalse();
    }

    @Test
    void reconcile_whenV6EgressOnIpv4OnlyNodesWithACniThatWarns_rollsOut() {
        assertThat(awsNodeRollsOut("v1.16.3-eksbuild.1")).isTrue();
    }
}
