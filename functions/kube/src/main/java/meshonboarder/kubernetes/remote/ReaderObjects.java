package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ManagedBy;
import meshonboarder.remote.ReaderToken;

/**
 * The reader identity of a cluster, as Istio's charts define it: the {@code base} chart's
 * {@code istio-reader-service-account} and the {@code istiod} chart's read-only ClusterRole and its binding (both
 * {@code istio-reader-clusterrole-istio-system}, no revision). mesh-onboarder creates them only when they are missing
 * (charts installed with {@code global.resourceScope} leaving them out); Helm's own copies are never touched.
 *
 * <p>Plus a long-lived token Secret for the account, as {@code istioctl create-remote-secret} makes it on Kubernetes
 * 1.24 and later (istio/istio#38246: service accounts no longer get one by themselves).
 */
public final class ReaderObjects {

    public static final String SERVICE_ACCOUNT = Istio.READER_SERVICE_ACCOUNT;
    public static final String CLUSTER_ROLE = "istio-reader-clusterrole-" + Istio.NAMESPACE;
    /** istioctl's {@code tokenSecretName}: the account name plus {@code -istio-remote-secret-token}. */
    public static final String TOKEN_SECRET = SERVICE_ACCOUNT + "-istio-remote-secret-token";
    public static final String TOKEN_TYPE = "kubernetes.io/service-account-token";
    public static final String SERVICE_ACCOUNT_ANNOTATION = "kubernetes.io/service-account.name";

    private static final Map<String, String> LABELS = Map.of(
            "app", "istio-reader",
            "app.kubernetes.io/name", "istio-reader",
            ManagedBy.LABEL, ManagedBy.VALUE);
    /**
     * The account and its ClusterRole and binding are the Istio charts' own (istio-base's reader-serviceaccount,
     * istiod's reader-clusterrole). Made here first (a member whose Istio install a reconcile deferred, or removed),
     * they carry the ownership marks Helm adopts from (helm/helm#7649, pkg/action/validate.go): without them the
     * chart's later install fails "exists and cannot be imported into the current release".
     */
    private static final String HELM_RELEASE_NAME = "meta.helm.sh/release-name";
    private static final String HELM_RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";
    private static final Map<String, String> CHART_LABELS = Map.of(
            "app", "istio-reader",
            "app.kubernetes.io/name", "istio-reader",
            ManagedBy.LABEL, "Helm");
    private static final List<String> READ = List.of("get", "list", "watch");
    private static final DateTimeFormatter ISSUED_AT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ReaderObjects() {
    }

    public static Namespace namespace() {
        return new NamespaceBuilder().withNewMetadata().withName(Istio.NAMESPACE).endMetadata().build();
    }

    public static ServiceAccount serviceAccount() {
        return new ServiceAccountBuilder().withNewMetadata().withName(SERVICE_ACCOUNT).withNamespace(Istio.NAMESPACE)
                .withLabels(CHART_LABELS).withAnnotations(ownedBy(Istio.BASE_RELEASE)).endMetadata().build();
    }

    /** The rules of the istiod chart's {@code reader-clusterrole.yaml} (Istio 1.30, without the remote-istiod extras). */
    public static ClusterRole clusterRole() {
        return new ClusterRoleBuilder().withNewMetadata().withName(CLUSTER_ROLE).withLabels(CHART_LABELS)
                .withAnnotations(ownedBy(Istio.ISTIOD_RELEASE)).endMetadata()
                .withRules(
                        rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io",
                                "authentication.istio.io", "rbac.istio.io", "telemetry.istio.io", "extensions.istio.io"),
                                List.of("*"), READ),
                        rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers",
                                "namespaces", "secrets", "configmaps"), READ),
                        rule(List.of("networking.istio.io"), List.of("workloadentries"), READ),
                        rule(List.of("networking.x-k8s.io", "gateway.networking.k8s.io"), List.of("gateways"), READ),
                        rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), READ),
                        rule(List.of("discovery.k8s.io"), List.of("endpointslices"), READ),
                        rule(List.of("multicluster.x-k8s.io"), List.of("serviceexports"),
                                List.of("get", "list", "watch", "create", "delete")),
                        rule(List.of("multicluster.x-k8s.io"), List.of("serviceimports"), READ),
                        rule(List.of("apps"), List.of("replicasets"), READ),
                        rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
                        rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create")))
                .build();
    }

    public static ClusterRoleBinding clusterRoleBinding() {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(CLUSTER_ROLE).withLabels(CHART_LABELS)
                .withAnnotations(ownedBy(Istio.ISTIOD_RELEASE)).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", CLUSTER_ROLE)
                .addNewSubject().withKind("ServiceAccount").withName(SERVICE_ACCOUNT).withNamespace(Istio.NAMESPACE).endSubject()
                .build();
    }

    private static Map<String, String> ownedBy(String release) {
        return Map.of(HELM_RELEASE_NAME, release, HELM_RELEASE_NAMESPACE, Istio.NAMESPACE);
    }

    /** Empty on purpose: the token controller fills {@code token} and {@code ca.crt}. */
    public static Secret tokenSecret() {
        return tokenSecret(TOKEN_SECRET);
    }

    /** A token Secret issued by a rotation, named after the moment it was issued ({@code ...-token-20261130-153700}). */
    public static Secret rotatedTokenSecret(Instant issuedAt) {
        return tokenSecret(TOKEN_SECRET + "-" + ISSUED_AT.format(issuedAt));
    }

    private static Secret tokenSecret(String name) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(Istio.NAMESPACE).withLabels(LABELS)
                .addToAnnotations(SERVICE_ACCOUNT_ANNOTATION, SERVICE_ACCOUNT).endMetadata()
                .withType(TOKEN_TYPE).build();
    }

    /** Whether mesh-onboarder made the object (a token Secret made by istioctl or by hand is never revoked). */
    public static boolean managed(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels != null && ManagedBy.VALUE.equals(labels.get(ManagedBy.LABEL));
    }

    /** Whether the Secret is a long-lived token of the reader account (istioctl's {@code secretReferencesServiceAccount}). */
    public static boolean isReaderToken(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        return TOKEN_TYPE.equals(secret.getType()) && annotations != null
                && SERVICE_ACCOUNT.equals(annotations.get(SERVICE_ACCOUNT_ANNOTATION));
    }

    /** The token once the token controller has filled both {@code token} and {@code ca.crt}; null before. */
    public static ReaderToken tokenOf(Secret secret) {
        Map<String, String> data = secret.getData();
        if (data == null || blank(data.get("token")) || blank(data.get("ca.crt"))) {
            return null;
        }
        return ReaderToken.of(new String(Base64.getMimeDecoder().decode(data.get("token")), StandardCharsets.UTF_8));
    }

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
