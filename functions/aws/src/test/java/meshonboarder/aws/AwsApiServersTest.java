package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import meshonboarder.errors.ClusterNotFound;
import meshonboarder.remote.ApiServer;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/** DescribeCluster on a moto server, over real HTTP. */
class AwsApiServersTest {

    private final AwsClients aws = MotoServer.aws();
    private final AwsApiServers apiServers = new AwsApiServers(aws);

    private void create(String name, boolean publicAccess) {
        aws.eks(MotoServer.REGION).createCluster(r -> r.name(name)
                .roleArn("arn:aws:iam::" + MotoServer.ACCOUNT + ":role/eks-cluster")
                .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d").endpointPublicAccess(publicAccess)
                        .endpointPrivateAccess(true)));
    }

    @Test
    void describe_whenPublicEndpoint_givesEndpointAndCaAsEksDoes() {
        String name = MotoServer.unique("eks");
        create(name, true);
        var eks = aws.eks(MotoServer.REGION).describeCluster(r -> r.name(name)).cluster();

        ApiServer server = apiServers.describe(MotoServer.REGION, name);

        assertThat(server).isEqualTo(new ApiServer(eks.endpoint(), eks.certificateAuthority().data(), true));
    }

    @Test
    void describe_whenPublicAccessIsOff_saysSo() {
        String name = MotoServer.unique("eks");
        create(name, false);

        assertThat(apiServers.describe(MotoServer.REGION, name).publicAccess()).isFalse();
    }

    @Test
    void describe_whenNoSuchCluster_failsWithClusterNotFound() {
        assertThatThrownBy(() -> apiServers.describe(MotoServer.REGION, MotoServer.unique("gone")))
                .isInstanceOf(ClusterNotFound.class);
    }
}
