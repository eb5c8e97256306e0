package meshonboarder.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import meshonboarder.cluster.EksNames;

/**
 * Where a cluster of another account is, for the adapters: the domain names a cluster by its region and its name in
 * the mesh, and a cluster of a member account has a mesh name that is not its EKS name (docs/design.md, "A name
 * unique across accounts and regions"). Its cluster ARN says the rest (account, EKS name), and every record that names
 * a cluster carries that ARN: {@code $.cluster} and the membership's {@code Member}. The step handler remembers the
 * clusters of its input, the membership adapter those it reads, and the EKS adapter the VPC and subnets of a member
 * cluster it describes, so that EC2 calls about them go to the same account.
 *
 * <p>A cluster not remembered here is the hub's, under its EKS name: hub clusters keep their names, so they never
 * need an entry. Entries are facts that do not change for a cluster's life (its mesh name is derived from its
 * account, region and EKS name), so they are kept for the function's life and shared by its threads.
 */
public final class ClusterLocations {

    /** A member account's cluster: the account its calls go to, and its name in EKS. */
    public record Location(String account, String eksName) {
    }

    private static final String SESSION_PREFIX = "mesh-onboarder-";
    private static final Map<String, Location> CLUSTERS = new ConcurrentHashMap<>();
    private static final Map<String, Location> RESOURCES = new ConcurrentHashMap<>();
    private static final InheritableThreadLocal<String> STEP = new InheritableThreadLocal<>();

    private ClusterLocations() {
    }

    /** Remembers the cluster when its mesh name is not its EKS name, i.e. when it is a member account's. */
    public static void remember(String clusterName, String clusterArn) {
        String[] arn = clusterArn == null ? new String[0] : clusterArn.split(":", 6);
        if (clusterName == null || arn.length < 6 || !arn[5].startsWith("cluster/")) {
            return;
        }
        String eksName = arn[5].substring("cluster/".length());
        if (!eksName.equals(clusterName)) {
            CLUSTERS.put(key(arn[3], clusterName), new Location(EksNames.accountOf(clusterArn), eksName));
        }
    }

    /** Remembers every cluster a step's input names: each object with a {@code clusterName} and a {@code clusterArn}. */
    public static void rememberAll(JsonNode tree) {
        if (tree == null) {
            return;
        }
        if (tree.isObject() && tree.path("clusterName").isTextual() && tree.path("clusterArn").isTextual()) {
            String clusterName = tree.get("clusterName").textValue();
            remember(clusterName, tree.get("clusterArn").textValue());
            // $.cluster names its VPC, which the network steps read without describing the cluster again
            String region = tree.path("region").asText(null);
            if (tree.path("vpcId").isTextual() && region != null) {
                cluster(region, clusterName).ifPresent(l ->
                        rememberResources(region, l, List.of(tree.get("vpcId").textValue())));
            }
        }
        if (tree.isContainerNode()) {
            tree.forEach(ClusterLocations::rememberAll);
        }
    }

    /** The member cluster of that mesh name, or empty for a hub cluster. */
    public static Optional<Location> cluster(String region, String clusterName) {
        return Optional.ofNullable(CLUSTERS.get(key(region, clusterName)));
    }

    /** The cluster's name in EKS: its mesh name unless it is a member account's. */
    public static String eksName(String region, String clusterName) {
        return cluster(region, clusterName).map(Location::eksName).orElse(clusterName);
    }

    /** Remembers that these resources (a member cluster's VPC and subnets) are in that cluster's account. */
    public static void rememberResources(String region, Location location, Collection<String> ids) {
        ids.stream().filter(id -> id != null && !id.isBlank()).forEach(id -> RESOURCES.put(key(region, id), location));
    }

    /** The member cluster a resource (VPC, subnet) belongs to, or empty for the hub's. */
    public static Optional<Location> resource(String region, String id) {
        return Optional.ofNullable(RESOURCES.get(key(region, id)));
    }

    /** Names the step this thread (and the threads it starts) serves, for the session name of a member role. */
    public static void step(String step) {
        STEP.set(step);
    }

    /** The session name of calls into a member account: it names the step, so the member's CloudTrail does too. */
    static String sessionName() {
        String step = STEP.get();
        // STS allows 64 characters of [\w+=,.@-]; step names are class names, well within
        return SESSION_PREFIX + (step == null ? "step" : step);
    }

    private static String key(String region, String name) {
        return region + "/" + name;
    }
}
