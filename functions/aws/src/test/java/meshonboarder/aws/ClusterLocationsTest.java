package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import meshonboarder.aws.ClusterLocations.Location;
import meshonboarder.json.Json;
import org.junit.jupiter.api.Test;

/** Which clusters the adapters call in another account: those whose mesh name is not the EKS name of their ARN. */
class ClusterLocationsTest {

    @Test
    void rememberAll_whenAStepInputNamesAMemberAccountsCluster_remembersItsAccountEksNameAndVpc() throws Exception {
        ClusterLocations.rememberAll(Json.MAPPER.readTree("""
                {"cluster": {"clusterName": "eks-9-0a1b2c3d", "region": "eu-west-1", "vpcId": "vpc-member",
                             "clusterArn": "arn:aws:eks:eu-west-1:444455556666:cluster/eks-9"},
                 "peers": [{"clusterName": "hub-1", "region": "us-east-1",
                            "clusterArn": "arn:aws:eks:us-east-1:123456789012:cluster/hub-1"}]}"""));

        Location member = new Location("444455556666", "eks-9");
        assertThat(ClusterLocations.cluster("eu-west-1", "eks-9-0a1b2c3d")).contains(member);
        assertThat(ClusterLocations.eksName("eu-west-1", "eks-9-0a1b2c3d")).isEqualTo("eks-9");
        assertThat(ClusterLocations.resource("eu-west-1", "vpc-member")).contains(member);
        // the hub's clusters keep their EKS names: nothing to remember, the function's own account
        assertThat(ClusterLocations.cluster("us-east-1", "hub-1")).isEmpty();
        assertThat(ClusterLocations.eksName("us-east-1", "hub-1")).isEqualTo("hub-1");
        // the same mesh name in another region is another cluster
        assertThat(ClusterLocations.cluster("us-east-1", "eks-9-0a1b2c3d")).isEmpty();
    }

    @Test
    void remember_whenNoArnOrNotAClusterArn_remembersNothing() {
        ClusterLocations.remember("eks-8-0a1b2c3d", null);
        ClusterLocations.remember("eks-8-0a1b2c3d", "arn:aws:iam::444455556666:role/x");

        assertThat(ClusterLocations.cluster("eu-west-1", "eks-8-0a1b2c3d")).isEmpty();
    }

    @Test
    void forCluster_whenAHubCluster_isTheFunctionsOwnClients() {
        try (AwsClients aws = new AwsClients("us-east-1", null, null)) {
            AwsClients.ClusterClients at = aws.forCluster("us-east-1", "hub-2");

            assertThat(at.aws()).isSameAs(aws);
            assertThat(at.eksName()).isEqualTo("hub-2");
        }
    }
}
