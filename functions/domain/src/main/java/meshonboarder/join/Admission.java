package meshonboarder.join;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import meshonboarder.cluster.Approval;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.EksNames;
import meshonboarder.errors.ClusterNotAdmitted;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;

/**
 * Whether a cluster may join its mesh, by the mesh's {@link JoinPolicy}. Resolve asks before anything is written;
 * a refusal is {@link ClusterNotAdmitted}, whose message names the rule that failed and the fix.
 */
public final class Admission {

    private static final String HOW = " (template parameter JoinPolicies, docs/join-policy.md)";

    private final JoinPolicies policies;
    private final OrganizationalUnits units;
    private final MeshMembers members;

    public Admission(JoinPolicies policies, OrganizationalUnits units, MeshMembers members) {
        this.policies = policies;
        this.units = units;
        this.members = members;
    }

    /**
     * Before EKS is asked: a request from another account (a forwarded event's {@code account}, or the manual input's)
     * whose mesh is known already (the event's or the input's) is held to the mesh's account rule, so an account
     * outside the policy is refused without a call into it. {@link #admit} checks every rule on the described cluster.
     *
     * @param meshId the mesh the request names, or null when only the cluster's tag will say
     */
    public void checkAccount(String meshId, String clusterName, String account, String region) {
        String hub = policies.hubAccount();
        if (account == null || account.equals(hub) || meshId == null) {
            return;
        }
        accountRule(policies.forMesh(meshId), meshId, clusterName, account, region).ifPresent(reason -> {
            throw new ClusterNotAdmitted(reason);
        });
    }

    /** The hub's account, the stack's own; null when unknown. */
    public String hubAccount() {
        return policies.hubAccount();
    }

    /** The described cluster against its mesh's policy; {@code tags} are the cluster's EKS tags. */
    public void admit(Cluster cluster, Map<String, String> tags) {
        policies.hubAccount();
        JoinPolicy policy = policies.forMesh(cluster.meshId());
        String mesh = cluster.meshId();
        String account = EksNames.accountOf(cluster.clusterArn());
        String who = who(cluster.clusterName(), account, cluster.region());
        accountRule(policy, mesh, cluster.clusterName(), account, cluster.region()).ifPresent(reason -> {
            throw new ClusterNotAdmitted(reason);
        });
        if (!policy.regions().isEmpty() && !policy.regions().contains(cluster.region())) {
            throw refused(who, mesh, "region " + cluster.region() + " is not among its regions "
                    + new TreeSet<>(policy.regions()), "add " + cluster.region() + " to the mesh's regions" + HOW);
        }
        if (!policy.ipFamilies().isEmpty() && !policy.ipFamilies().contains(cluster.ipFamily())) {
            throw refused(who, mesh, cluster.ipFamily().value() + " is not among its ipFamilies", "add "
                    + cluster.ipFamily().value() + " to the mesh's ipFamilies" + HOW);
        }
        for (var required : new TreeSet<>(policy.requiredTags().keySet())) {
            String expected = policy.requiredTags().get(required);
            String actual = tags.get(required);
            if (actual == null || !expected.equals(JoinPolicy.ANY) && !expected.equals(actual)) {
                String wanted = required + "=" + (expected.equals(JoinPolicy.ANY) ? "<any value>" : expected);
                throw refused(who, mesh, "its requiredTags ask for " + wanted + (actual == null ? ", which the cluster lacks"
                        : ", and the cluster has " + required + "=" + actual), "tag the cluster " + wanted
                        + " (aws eks tag-resource --resource-arn " + cluster.clusterArn() + " --tags " + wanted
                        + "), then start onboarding again");
            }
        }
        if (policy.maxMembers() != null) {
            long others = members.list(mesh).stream().filter(m -> !isCluster(m, cluster)).count();
            if (others >= policy.maxMembers()) {
                throw refused(who, mesh, "the mesh has " + others + " members, its maxMembers", "raise the mesh's"
                        + " maxMembers" + HOW + ", or let a member leave first");
            }
        }
    }

    /**
     * Whether the admitted cluster waits for a person's approval: its mesh's policy asks for it, and the cluster is not
     * a member yet (a member running onboarding again, or repaired, was approved when it joined).
     */
    public Approval approval(Cluster cluster) {
        if (!policies.forMesh(cluster.meshId()).approval()
                || members.list(cluster.meshId()).stream().anyMatch(m -> isCluster(m, cluster))) {
            return Approval.NOT_REQUIRED;
        }
        return Approval.REQUIRED;
    }

    private static boolean isCluster(Member member, Cluster cluster) {
        return member.clusterName().equals(cluster.clusterName()) && member.region().equals(cluster.region());
    }

    private Optional<String> accountRule(JoinPolicy policy, String mesh, String name, String account, String region) {
        if (policy.admitsEveryAccount() || policy.accounts().contains(account)) {
            return Optional.empty();
        }
        String unitsNote = "";
        String move = "";
        if (!policy.organizationalUnits().isEmpty()) {
            Optional<String> parent = units.parentOf(account);
            if (parent.isPresent() && policy.organizationalUnits().contains(parent.get())) {
                return Optional.empty();
            }
            unitsNote = ", and its organizational unit " + parent.map(p -> p + " is not among ")
                    .orElse("is none (it sits at the organization's root), so not among ")
                    + new TreeSet<>(policy.organizationalUnits());
            move = ", move the account into one of those units";
        }
        return Optional.of(refusal(who(name, account, region), mesh, "account " + account
                + " is not among its accounts " + new TreeSet<>(policy.accounts()) + unitsNote, "add " + account
                + " to the mesh's accounts" + HOW + move + ", or tag the cluster for a mesh whose policy admits it"));
    }

    private static String who(String name, String account, String region) {
        return "Cluster '" + name + "' (account " + account + ", " + region + ")";
    }

    private static ClusterNotAdmitted refused(String who, String mesh, String rule, String fix) {
        return new ClusterNotAdmitted(refusal(who, mesh, rule, fix));
    }

    private static String refusal(String who, String mesh, String rule, String fix) {
        return who + " is not admitted to mesh '" + mesh + "' by its join policy: " + rule
                + ". Nothing was written. To admit it, " + fix + ".";
    }
}
