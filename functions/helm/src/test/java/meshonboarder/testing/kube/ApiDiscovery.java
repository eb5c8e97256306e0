package meshonboarder.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents of a Kubernetes API server ({@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/<group>/<version>}): Helm maps every object of a chart to its resource through them. Built-in
 * kinds come from a fixed table (what Istio's charts create, plus what mesh-onboarder itself writes);
 * custom resources are added from the CustomResourceDefinitions stored in the server, as a real API server
 * does once a chart has installed them.
 */
final class ApiDiscovery {

    /** One resource of a group version, as discovery lists it. */
    record Resource(String group, String version, String plural, String kind, boolean namespaced) {

        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    private static final List<Resource> BUILT_IN = List.of(
            core("namespaces", "Namespace", false),
            core("secrets", "Secret", true),
            core("configmaps", "ConfigMap", true),
            core("services", "Service", true),
            core("serviceaccounts", "ServiceAccount", true),
            core("pods", "Pod", true),
            core("endpoints", "Endpoints", true),
            core("nodes", "Node", false),
            new Resource("apps", "v1", "deployments", "Deployment", true),
            new Resource("apps", "v1", "daemonsets", "DaemonSet", true),
            new Resource("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
            new Resource("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
            new Resource("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
            new Resource("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
            new Resource("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
                    "MutatingWebhookConfiguration", false),
            new Resource("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
                    "ValidatingWebhookConfiguration", false),
            new Resource("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true),
            new Resource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
            new Resource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false),
            new Resource("networking.istio.io", "v1", "gateways", "Gateway", true));

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final List<Resource> resources;

    private ApiDiscovery(List<Resource> resources) {
        this.resources = resources;
    }

    /** The built-in table plus every served version of the given CustomResourceDefinitions. */
    static ApiDiscovery with(JsonNode customResourceDefinitions) {
        List<Resource> all = new ArrayList<>(BUILT_IN);
        for (JsonNode crd : customResourceDefinitions) {
            JsonNode spec = crd.path("spec");
            for (JsonNode version : spec.path("versions")) {
                Resource resource = new Resource(spec.path("group").asText(), version.path("name").asText(),
                        spec.path("names").path("plural").asText(), spec.path("names").path("kind").asText(),
                        "Namespaced".equals(spec.path("scope").asText()));
                if (version.path("served").asBoolean(true) && all.stream().noneMatch(r -> sameResource(r, resource))) {
                    all.add(resource);
                }
            }
        }
        return new ApiDiscovery(all);
    }

    /** True for the paths this class answers (with or without a query string). */
    static boolean isDiscoveryPath(String path) {
        String[] s = segments(path);
        return (s.length == 1 && (s[0].equals("api") || s[0].equals("apis")))
                || (s.length == 2 && s[0].equals("api"))
                || (s.length == 3 && s[0].equals("apis"));
    }

    /** The document at a discovery path, or empty when that group version does not exist. */
    Optional<JsonNode> document(String path) {
        String[] s = segments(path);
        if (s.length == 1 && s[0].equals("api")) {
            ObjectNode versions = JSON.objectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                    .put("serverAddress", "127.0.0.1:6443");
            return Optional.of(versions);
        }
        if (s.length == 1) {
            return Optional.of(groupList());
        }
        String groupVersion = s.length == 2 ? s[1] : s[1] + "/" + s[2];
        List<Resource> inVersion = resources.stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
        if (inVersion.isEmpty() || (s.length == 2 && !s[0].equals("api"))) {
            return Optional.empty();
        }
        ObjectNode list = JSON.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode items = list.putArray("resources");
        for (Resource r : inVersion) {
            ObjectNode item = items.addObject().put("name", r.plural())
                    .put("singularName", r.kind().toLowerCase()).put("namespaced", r.namespaced())
                    .put("kind", r.kind());
            ArrayNode verbs = item.putArray("verbs");
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch").forEach(verbs::add);
        }
        return Optional.of(list);
    }

    /** The resource a collection path such as {@code /api/v1/namespaces/x/secrets} lists, if known. */
    Optional<Resource> collection(String path) {
        String[] s = segments(path);
        String group;
        String version;
        int rest;
        if (s.length >= 3 && s[0].equals("api")) {
            group = "";
            version = s[1];
            rest = 2;
        } else if (s.length >= 4 && s[0].equals("apis")) {
            group = s[1];
            version = s[2];
            rest = 3;
        } else {
            return Optional.empty();
        }
        int remaining = s.length - rest;
        String plural;
        if (remaining == 1) {
            plural = s[rest];
        } else if (remaining == 3 && s[rest].equals("namespaces")) {
            plural = s[rest + 2];
        } else {
            return Optional.empty();
        }
        return resources.stream()
                .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
                .findFirst();
    }

    private ObjectNode groupList() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        resources.stream().filter(r -> !r.group().isEmpty()).forEach(r -> {
            List<String> versions = versionsByGroup.computeIfAbsent(r.group(), g -> new ArrayList<>());
            if (!versions.contains(r.version())) {
                versions.add(r.version());
            }
        });
        ObjectNode list = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        versionsByGroup.forEach((group, versions) -> {
            ObjectNode g = groups.addObject().put("name", group);
            ArrayNode vs = g.putArray("versions");
            versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
            g.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0))
                    .put("version", versions.get(0));
        });
        return list;
    }

    private static boolean sameResource(Resource a, Resource b) {
        return a.group().equals(b.group()) && a.version().equals(b.version()) && a.plural().equals(b.plural());
    }

    private static Resource core(String plural, String kind, boolean namespaced) {
        return new Resource("", "v1", plural, kind, namespaced);
    }

    private static String[] segments(String path) {
        int query = path.indexOf('?');
        String bare = (query < 0 ? path : path.substring(0, query)).replaceAll("^/+|/+$", "");
        return bare.isEmpty() ? new String[0] : bare.split("/");
    }
}
