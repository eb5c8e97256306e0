package meshonboarder.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.Approval;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.EksNames;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ClusterNotAdmitted;
import meshonboarder.reconcile.InMemoryMesh;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final String HUB = "123456789012";
    private static final String MEMBER = "444455556666";

    private final InMemoryMesh mesh = new InMemoryMesh();

    private Admission admission(String json) {
        return new Admission(JoinPolicies.parse(HUB, json), OrganizationalUnits.NONE, mesh);
    }

    private static Cluster cluster(String name, String account, String region, IpFamily family) {
        return new Cluster(name, region, "mesh1", "net-" + name, "arn:aws:eks:" + region + ":" + account + ":cluster/"
                + name, "ACTIVE", "https://" + name + ".example", family, "vpc-1", "1.33", "API", false);
    }

    @Test
    void admit_whenNoPolicyAndTheHubsCluster_admits() {
        assertThatCode(() -> admission("").admit(cluster("eks-1", HUB, "us-east-1", IpFamily.IPV4), Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void admit_whenNoPolicyAndAnotherAccountsCluster_refusesNamingTheAccountRuleAndTheFix() {
        assertThatThrownBy(() -> admission("").admit(cluster("eks-2", MEMBER, "us-east-1", IpFamily.IPV4), Map.of()))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("Cluster 'eks-2' (account " + MEMBER + ", us-east-1)")
                .hasMessageContaining("account " + MEMBER + " is not among its accounts [" + HUB + "]")
                .hasMessageContaining("Nothing was written")
                .hasMessageContaining("add " + MEMBER + " to the mesh's accounts (template parameter JoinPolicies");
    }

    @Test
    void admit_whenTheAccountsUnitIsAdmitted_admits() {
        Admission byUnit = new Admission(JoinPolicies.parse(HUB, "{\"*\": {\"organizationalUnits\": [\"ou-ab12-cd34ef56\"]}}"),
                account -> Optional.of(account.equals(MEMBER) ? "ou-ab12-cd34ef56" : "ou-ab12-00000000"), mesh);

        assertThatCode(() -> byUnit.admit(cluster("eks-2", MEMBER, "us-east-1", IpFamily.IPV4), Map.of()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> byUnit.admit(cluster("eks-1", HUB, "us-east-1", IpFamily.IPV4), Map.of()))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("its organizational unit ou-ab12-00000000 is not among [ou-ab12-cd34ef56]");
    }

    /** Organizations is asked only for a policy that names units, and only about an account it does not list. */
    @Test
    void admit_whenNoUnitIsNamedOrTheAccountIsListed_asksNoUnit() {
        OrganizationalUnits unasked = account -> {
            throw new AssertionError("asked the unit of " + account);
        };
        Admission byAccount = new Admission(JoinPolicies.parse(HUB, "{\"mesh1\": {\"accounts\": [\"" + MEMBER
                + "\"]}, \"mesh2\": {\"accounts\": [\"" + MEMBER + "\"], \"organizationalUnits\": [\"ou-ab12-cd34ef56\"]}}"),
                unasked, mesh);

        assertThatCode(() -> byAccount.admit(cluster("eks-2", MEMBER, "us-east-1", IpFamily.IPV4), Map.of()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> byAccount.admit(cluster("eks-1", HUB, "us-east-1", IpFamily.IPV4), Map.of()))
                .isInstanceOf(ClusterNotAdmitted.class);
        assertThatCode(() -> byAccount.checkAccount("mesh2", "eks-2", MEMBER, "us-east-1")).doesNotThrowAnyException();
    }

    @Test
    void admit_whenTheAccountIsInNoUnit_refusesSayingSo() {
        assertThatThrownBy(() -> admission("{\"mesh1\": {\"organizationalUnits\": [\"ou-ab12-cd34ef56\"]}}")
                .admit(cluster("eks-2", MEMBER, "us-east-1", IpFamily.IPV4), Map.of()))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("its organizational unit is none (it sits at the organization's root), so not among "
                        + "[ou-ab12-cd34ef56]");
    }

    @Test
    void admit_whenRegionOrFamilyOutsideThePolicy_refusesNamingThatRule() {
        Admission admission = admission("{\"mesh1\": {\"accounts\": [\"*\"], \"regions\": [\"us-east-1\"],"
                + " \"ipFamilies\": [\"ipv4\"]}}");

        assertThatThrownBy(() -> admission.admit(cluster("eks-2", MEMBER, "eu-west-1", IpFamily.IPV4), Map.of()))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("region eu-west-1 is not among its regions [us-east-1]")
                .hasMessageContaining("add eu-west-1 to the mesh's regions");
        assertThatThrownBy(() -> admission.admit(cluster("eks-3", MEMBER, "us-east-1", IpFamily.IPV6), Map.of()))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("ipv6 is not among its ipFamilies")
                .hasMessageContaining("add ipv6 to the mesh's ipFamilies");
        assertThatCode(() -> admission.admit(cluster("eks-4", MEMBER, "us-east-1", IpFamily.IPV4), Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void admit_whenRequiredTagMissingOrDifferent_refusesWithTheTagCommand() {
        Admission admission = admission("{\"mesh1\": {\"requiredTags\": {\"env\": \"prod\", \"team\": \"*\"}}}");
        Cluster eks1 = cluster("eks-1", HUB, "us-east-1", IpFamily.IPV4);

        assertThatThrownBy(() -> admission.admit(eks1, Map.of("env", "prod")))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("its requiredTags ask for team=<any value>, which the cluster lacks")
                .hasMessageContaining("aws eks tag-resource --resource-arn " + eks1.clusterArn());
        assertThatThrownBy(() -> admission.admit(eks1, Map.of("env", "dev", "team", "a")))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("env=prod, and the cluster has env=dev");
        assertThatCode(() -> admission.admit(eks1, Map.of("env", "prod", "team", "a"))).doesNotThrowAnyException();
    }

    @Test
    void admit_whenMeshFull_refusesNewcomersButNotAMemberRunningAgain() {
        mesh.recordOnly(InMemoryMesh.member("mesh1", "eks-1")).recordOnly(InMemoryMesh.member("mesh1", "eks-2"))
                .recordOnly(InMemoryMesh.member("mesh2", "eks-9"));
        Admission admission = admission("{\"mesh1\": {\"maxMembers\": 2}}");

        assertThatThrownBy(() -> admission.admit(cluster("eks-3", HUB, "us-east-1", IpFamily.IPV4), Map.of()))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("the mesh has 2 members, its maxMembers")
                .hasMessageContaining("raise the mesh's maxMembers");
        assertThatCode(() -> admission.admit(cluster("eks-2", HUB, "us-east-1", IpFamily.IPV4), Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void approval_whenThePolicyAsksForIt_holdsANewcomerButNotAMemberRunningAgain() {
        mesh.recordOnly(InMemoryMesh.member("mesh1", "eks-1"));
        Admission asking = admission("{\"mesh1\": {\"approval\": true}}");

        assertThat(asking.approval(cluster("eks-3", HUB, "us-east-1", IpFamily.IPV4))).isEqualTo(Approval.REQUIRED);
        assertThat(asking.approval(cluster("eks-1", HUB, "us-east-1", IpFamily.IPV4))).isEqualTo(Approval.NOT_REQUIRED);
        assertThat(admission("").approval(cluster("eks-3", HUB, "us-east-1", IpFamily.IPV4)))
                .isEqualTo(Approval.NOT_REQUIRED);
    }

    @Test
    void checkAccount_whenAnotherAccountsEventOutsideThePolicy_refusesBeforeEksIsAsked() {
        Admission none = admission("");
        Admission every = admission("{\"*\": {\"accounts\": [\"*\"]}}");

        assertThatCode(() -> none.checkAccount("mesh1", "eks-1", HUB, "us-east-1")).doesNotThrowAnyException();
        assertThatCode(() -> none.checkAccount(null, "eks-1", null, "us-east-1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> none.checkAccount("mesh1", "eks-1", MEMBER, "us-east-1"))
                .isInstanceOf(ClusterNotAdmitted.class)
                .hasMessageContaining("account " + MEMBER + " is not among its accounts [" + HUB + "]");
        // admitted by its policy: Resolve describes it in its account (admit then checks every rule)
        assertThatCode(() -> every.checkAccount("mesh1", "eks-1", MEMBER, "us-east-1")).doesNotThrowAnyException();
        // its mesh not known before EKS is asked (a manual input without meshId): admit decides
        assertThatCode(() -> none.checkAccount(null, "eks-1", MEMBER, "us-east-1")).doesNotThrowAnyException();
        assertThat(EksNames.accountOf("arn:aws:eks:eu-west-1:444455556666:cluster/eks-2")).isEqualTo(MEMBER);
    }
}
