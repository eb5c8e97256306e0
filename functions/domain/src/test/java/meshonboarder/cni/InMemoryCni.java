package meshonboarder.cni;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.network.MemberNetwork;
import meshonboarder.network.NetworkFacts;
import meshonboarder.network.SubnetFacts;

/**
 * The EKS clusters, {@code vpc-cni} add-ons, {@code aws-node} DaemonSets and membership records of one CNI test, in
 * memory, behaving as the adapters do: an add-on update makes the add-on UPDATING with the new values, and a
 * DaemonSet write is refused ({@link Transient}) unless it is over the version read. Every write is recorded.
 */
final class InMemoryCni {

    static final String MESH = "mesh1";
    static final String REGION = "us-east-1";

    final List<String> writes = new ArrayList<>();
    private final Map<String, EksCluster> clusters = new LinkedHashMap<>();
    private final Map<String, VpcCniAddons.Addon> addons = new LinkedHashMap<>();
    private final Map<String, VpcCniAddons.Update> updates = new LinkedHashMap<>();
    private final Map<String, AwsNode> awsNodes = new LinkedHashMap<>();
    private final List<Member> members = new ArrayList<>();

    /** A cluster in EKS, not yet a member, with the given subnets. */
    Cluster cluster(String name, IpFamily family, boolean autoMode) {
        clusters.put(name, new EksCluster(name, REGION, arn(name), Cluster.ACTIVE, "https://" + name + ".example", null,
                family, "vpc-" + name, List.of("subnet-" + name + "-a", "subnet-" + name + "-b"), "1.33", Map.of(),
                "API", autoMode));
        return new Cluster(name, REGION, MESH, "net-" + name, arn(name), Cluster.ACTIVE, "https://" + name + ".example",
                family, "vpc-" + name, "1.33", "API", autoMode);
    }

    /** A member: recorded in the mesh, with a cluster in EKS. */
    Cluster member(String name, IpFamily family) {
        Cluster cluster = cluster(name, family, false);
        members.add(memberOf(cluster));
        return cluster;
    }

    static Member memberOf(Cluster cluster) {
        return new Member(MESH, cluster.clusterName(), cluster.region(), cluster.clusterArn(), cluster.ipFamily(),
                cluster.network());
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    /** The cluster is gone from EKS; its membership record stays. */
    void deleteFromEks(String name) {
        clusters.remove(name);
    }

    void addon(String cluster, String version, String values, String status) {
        addons.put(cluster, new VpcCniAddons.Addon(version, values, status));
    }

    VpcCniAddons.Addon addon(String cluster) {
        return addons.get(cluster);
    }

    void update(String cluster, String id, String status, List<String> errors) {
        updates.put(cluster + "/" + id, new VpcCniAddons.Update(id, status, errors));
    }

    /** A self-managed CNI of that image tag with {@code egressOn}, rolled out. */
    void awsNode(String cluster, String tag, boolean initContainer, Set<Egress> egressOn) {
        awsNodes.put(cluster, new AwsNode("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:" + tag,
                initContainer, egressOn, "1", new AwsNode.Rollout(1, 1, 3, 3, 3)));
    }

    AwsNode awsNode(String cluster) {
        return awsNodes.get(cluster);
    }

    void rollout(String cluster, AwsNode.Rollout rollout) {
        AwsNode n = awsNodes.get(cluster);
        awsNodes.put(cluster, new AwsNode(n.image(), n.hasInitContainer(), n.egressOn(), n.resourceVersion(), rollout));
    }

    void deleteAwsNode(String cluster) {
        awsNodes.remove(cluster);
    }

    /** $.network as GatherNetwork leaves it: every cluster's subnets, each with an IPv6 CIDR when {@code ipv6}. */
    NetworkFacts network(boolean ipv6, boolean assignsIpv6) {
        List<MemberNetwork> networks = clusters.values().stream().map(c -> new MemberNetwork(c.name(), c.region(),
                c.ipFamily(), false, "net-" + c.name(), c.vpcId(), ipv6 ? List.of("2600:1f14::/56") : List.of(),
                c.subnetIds().stream().map(s -> new SubnetFacts(s, ipv6 ? List.of("2600:1f14::/64") : List.of(),
                        assignsIpv6)).toList(), List.of())).toList();
        return new NetworkFacts(null, null, networks);
    }

    EksClusters eks() {
        return new EksClusters() {
            @Override
            public Optional<EksCluster> describe(String region, String name) {
                return Optional.ofNullable(clusters.get(name));
            }

            @Override
            public List<String> list(String region) {
                return List.copyOf(clusters.keySet());
            }
        };
    }

    VpcCniAddons addons() {
        return new VpcCniAddons() {
            @Override
            public Optional<Addon> describe(String region, String clusterName) {
                return Optional.ofNullable(addons.get(clusterName));
            }

            @Override
            public String update(String region, String clusterName, String addonVersion, String values) {
                String id = "update-" + (updates.size() + 1);
                writes.add("update " + clusterName + " " + values);
                addons.put(clusterName, new Addon(addonVersion, values, "UPDATING"));
                updates.put(clusterName + "/" + id, new Update(id, "InProgress", List.of()));
                return id;
            }

            @Override
            public Update describeUpdate(String region, String clusterName, String updateId) {
                return updates.get(clusterName + "/" + updateId);
            }
        };
    }

    AwsNodes awsNodes() {
        return new AwsNodes() {
            @Override
            public Optional<AwsNode> read(String region, String clusterName) {
                return Optional.ofNullable(awsNodes.get(clusterName));
            }

            @Override
            public void enable(String region, String clusterName, AwsNode current, Set<Egress> egress) {
                AwsNode now = awsNodes.get(clusterName);
                if (now == null || !now.resourceVersion().equals(current.resourceVersion())) {
                    throw new Transient("aws-node of " + clusterName + " changed");
                }
                writes.add("enable " + clusterName + " " + egress);
                Set<Egress> on = EnumSet.noneOf(Egress.class);
                on.addAll(now.egressOn());
                on.addAll(egress);
                AwsNode.Rollout r = now.rollout();
                awsNodes.put(clusterName, new AwsNode(now.image(), now.hasInitContainer(), on,
                        String.valueOf(Integer.parseInt(now.resourceVersion()) + 1),
                        new AwsNode.Rollout(r.generation() + 1, r.observedGeneration(), r.desired(), 0, r.ready())));
            }
        };
    }

    MeshMembers membership() {
        return new MeshMembers() {
            @Override
            public void register(Member member) {
                members.add(member);
            }

            @Override
            public boolean adopt(Member member) {
                register(member);
                return true;
            }

            @Override
            public boolean recordGateway(Member member, GatewayAddressType type) {
                return false; // the CNI steps never change a gateway
            }

            @Override
            public List<Member> list(String meshId) {
                return members.stream().filter(m -> m.meshId().equals(meshId)).toList();
            }

            @Override
            public List<String> meshes() {
                return List.of(MESH);
            }

            @Override
            public Optional<Member> find(String clusterName, String region) {
                return members.stream().filter(m -> m.clusterName().equals(clusterName)).findFirst();
            }

            @Override
            public void remove(Member member) {
                members.remove(member);
            }
        };
    }

    private static String arn(String name) {
        return "arn:aws:eks:" + REGION + ":123456789012:cluster/" + name;
    }
}
