package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.cluster.IpFamily;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.network.GatewayAddressType;

/** Membership records and EKS clusters in memory, for the domain tests of the steps that read them. */
public final class InMemoryMesh implements MeshMembers {

    private final List<Member> members = new ArrayList<>();
    private final Map<String, EksCluster> clusters = new HashMap<>();
    private int gatewayWrites;

    public static Member member(String mesh, String name) {
        return new Member(mesh, name, "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name, IpFamily.IPV4,
                "net-" + name);
    }

    /** A member whose cluster exists with the given tags. */
    public InMemoryMesh with(Member member, Map<String, String> tags) {
        members.add(member);
        cluster(member.clusterName(), "ACTIVE", tags);
        return this;
    }

    public InMemoryMesh cluster(String name, String status, Map<String, String> tags) {
        clusters.put(name, new EksCluster(name, "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                status, "https://" + name + ".example", null, IpFamily.IPV4, "vpc-1", List.of(), "1.33", tags, "API",
                false));
        return this;
    }

    public InMemoryMesh recordOnly(Member member) {
        members.add(member);
        return this;
    }

    @Override
    public synchronized void register(Member member) {
        // one record per name in a mesh, as one table item per name: the same cluster again replaces it
        Optional<Member> holder = holder(member);
        if (holder.isPresent() && !holder.get().sameCluster(member)) {
            throw member.nameTakenBy(holder.get());
        }
        holder.ifPresent(members::remove);
        members.add(member);
    }

    @Override
    public synchronized boolean adopt(Member member) {
        Optional<Member> holder = holder(member);
        if (holder.isEmpty()) {
            members.add(member);
        }
        return holder.map(h -> h.sameCluster(member)).orElse(true);
    }

    @Override
    public synchronized boolean recordGateway(Member member, GatewayAddressType type) {
        Optional<Member> holder = holder(member);
        if (holder.isEmpty() || !holder.get().sameCluster(member) || holder.get().gatewayAddressType() == type) {
            return false;
        }
        members.set(members.indexOf(holder.get()), holder.get().withGatewayAddressType(type));
        gatewayWrites++;
        return true;
    }

    /** How many times {@link #recordGateway} wrote a record. */
    public int gatewayWrites() {
        return gatewayWrites;
    }

    private Optional<Member> holder(Member member) {
        return members.stream().filter(m -> m.meshId().equals(member.meshId())
                && m.clusterName().equals(member.clusterName())).findFirst();
    }

    @Override
    public List<Member> list(String meshId) {
        return members.stream().filter(m -> m.meshId().equals(meshId)).toList();
    }

    @Override
    public List<String> meshes() {
        return members.stream().map(Member::meshId).distinct().sorted().toList();
    }

    @Override
    public Optional<Member> find(String clusterName, String region) {
        return members.stream().filter(m -> m.clusterName().equals(clusterName) && m.region().equals(region)).findFirst();
    }

    @Override
    public void remove(Member member) {
        members.remove(member);
    }

    /** The EKS side: the clusters added with {@link #with} or {@link #cluster}. */
    public EksClusters eks() {
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
}
