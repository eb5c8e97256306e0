package meshonboarder.local.scenario;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import meshonboarder.kubernetes.cni.AwsNodeDaemonSet;
import meshonboarder.local.LocalController;
import meshonboarder.pki.CaCertificates;
import meshonboarder.pki.CaSecretValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** What the reconcile scenario breaks by hand, as someone or something would outside mesh-onboarder. */
final class Faults {

    private final Stage stage;
    private final LocalController controller;

    Faults(Stage stage) {
        this.stage = stage;
        this.controller = stage.controller();
    }

    void deleteSecret(String cluster, String name) {
        stage.cluster(cluster).client().secrets().inNamespace("istio-system").withName(name).delete();
    }

    /**
     * The holder's istiod behaves as Istio 1.30.0 to 1.30.3 (istio/istio#61043: a rewritten remote secret leaves its
     * cluster stale until istiod restarts), and the remote secret of {@code subject} is applied again by hand with
     * the same kubeconfig plus a comment: the objects stay right, only istiod's view shows the pair broken.
     */
    void staleAfterRewrite(String holder, String subject) {
        stage.cluster(holder).istiod().staleAfterUpdate(true);
        stage.cluster(holder).client().secrets().inNamespace("istio-system").withName("istio-remote-secret-" + subject)
                .edit(s -> {
                    String kubeconfig = new String(Base64.getDecoder().decode(s.getData().get(subject)),
                            StandardCharsets.UTF_8);
                    s.getData().put(subject, Base64.getEncoder().encodeToString(
                            (kubeconfig + "\n# applied again by hand\n").getBytes(StandardCharsets.UTF_8)));
                    return s;
                });
    }

    /** Replaces the member's intermediate in Secrets Manager by one, signed by the mesh root, that ends in 10 days. */
    void shortLivedIntermediate(String cluster) {
        SecretsManagerClient secrets = controller.aws().secretsManager();
        try {
            var root = CaSecretValue.read(
                    secrets.getSecretValue(r -> r.secretId("istio-mesh/mesh1/root-ca")).secretString(), "root-ca");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            var ca = CaCertificates.intermediate(root, "mesh1", cluster, generator.generateKeyPair(),
                    Duration.ofDays(10), Instant.now(), new SecureRandom());
            secrets.putSecretValue(r -> r.secretId("istio-mesh/mesh1/clusters/" + cluster + "/intermediate-ca")
                    .secretString(CaSecretValue.write(ca)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a variable of the aws-node container by hand, as someone resetting the CNI would. */
    void setAwsNodeVariable(String cluster, String name, String value) {
        stage.cluster(cluster).client().apps().daemonSets().inNamespace("kube-system").withName("aws-node")
                .edit(d -> new DaemonSetBuilder(d).editSpec().editTemplate()
                        .editSpec().editMatchingContainer(c -> "aws-node".equals(c.getName()))
                        .removeMatchingFromEnv(e -> name.equals(e.getName()))
                        .addNewEnv().withName(name).withValue(value).endEnv()
                        .endContainer().endSpec().endTemplate().endSpec().build());
    }

    String awsNodeVariable(String cluster, String name) {
        return awsNode(cluster).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> "aws-node".equals(c.getName())).flatMap(c -> c.getEnv().stream())
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }

    /**
     * Until the stand-in DaemonSet controller has rolled aws-node out, its status write being no write of the
     * controller's; false when it has not within 30 s.
     */
    boolean awaitAwsNodeRollout(String cluster) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            if (AwsNodeDaemonSet.pendingRollout(awsNode(cluster)).isEmpty()) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    private DaemonSet awsNode(String cluster) {
        return stage.cluster(cluster).client().apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
    }
}
