package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksNames;
import meshonboarder.cluster.MeshNames;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Calls about a member account's cluster land in that account, through its member role. moto keeps accounts apart
 * and gives an AssumeRole session the role's account (moto's docs, "Multi-Account support"), so a cluster made in
 * the member account is found there only.
 */
class MemberAccountCallsTest {

    private static final String MEMBER = "444455556666";

    private final AwsClients hub = MotoServer.aws();
    private final AwsEksClusters clusters = new AwsEksClusters(hub);

    /** The member account as its own user sees it: a session of some role there, made without the code under test. */
    private AwsClients memberAccount() {
        Credentials c = hub.sts().assumeRole(r -> r.roleArn("arn:aws:iam::" + MEMBER + ":role/admin")
                .roleSessionName("test")).credentials();
        return new AwsClients(MotoServer.REGION, MotoServer.endpoint(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
    }

    private static void create(AwsClients account, String name, String team) {
        account.eks(MotoServer.REGION).createCluster(r -> r.name(name)
                .roleArn("arn:aws:iam::" + MotoServer.ACCOUNT + ":role/eks-cluster")
                .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d"))
                .tags(Map.of("team", team)));
    }

    @Test
    void forAccount_assumesTheMemberRoleThereWithASessionNamingTheStep() {
        ClusterLocations.step("GatherNetwork");

        var identity = hub.forAccount(MEMBER).sts().getCallerIdentity();

        assertThat(identity.account()).isEqualTo(MEMBER);
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::" + MEMBER
                + ":assumed-role/mesh-onboarder-member/mesh-onboarder-GatherNetwork");
        // the hub's own account keeps the function's own credentials
        assertThat(hub.forAccount(null)).isSameAs(hub);
        assertThat(hub.sts().getCallerIdentity().account()).isEqualTo(MotoServer.ACCOUNT);
    }

    @Test
    void describe_whenTheClusterIsInTheMemberAccount_findsItThereOnly() {
        String name = MotoServer.unique("eks");
        create(memberAccount(), name, "member");

        assertThat(clusters.describe(MotoServer.REGION, name)).as("in the hub's account").isEmpty();
        EksCluster found = clusters.describe(MEMBER, MotoServer.REGION, name).orElseThrow();
        assertThat(EksNames.accountOf(found.arn())).isEqualTo(MEMBER);
        assertThat(found.tags()).containsEntry("team", "member");
    }

    @Test
    void describe_byItsMeshName_whenTheHubHasAClusterOfTheSameEksName_readsTheMembersOne() {
        String name = MotoServer.unique("eks");
        create(hub, name, "hub");
        create(memberAccount(), name, "member");
        String arn = clusters.describe(MEMBER, MotoServer.REGION, name).orElseThrow().arn();
        String meshName = MeshNames.of(MotoServer.ACCOUNT, MEMBER, MotoServer.REGION, name);
        // what a step's input carries ($.cluster, a Member): its mesh name and its ARN
        ClusterLocations.remember(meshName, arn);

        assertThat(clusters.describe(MotoServer.REGION, meshName).orElseThrow().tags()).containsEntry("team", "member");
        assertThat(new AwsApiServers(hub).describe(MotoServer.REGION, meshName).endpoint())
                .isEqualTo(memberAccount().eks(MotoServer.REGION).describeCluster(r -> r.name(name)).cluster().endpoint());
        // the hub's cluster is still its own under its EKS name
        assertThat(clusters.describe(MotoServer.REGION, name).orElseThrow().tags()).containsEntry("team", "hub");
    }
}
