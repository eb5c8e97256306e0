package meshonboarder.testing;

import java.util.Map;
import meshonboarder.aws.AwsClients;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.IpFamily;

/** Creates EKS clusters in the moto server, as a user's CreateCluster call would. */
public final class MotoEks {

    private MotoEks() {
    }

    public static Cluster createCluster(String name, String region, IpFamily ipFamily, Map<String, String> tags) {
        return createCluster(null, name, region, ipFamily, tags);
    }

    /** In another account (a session of its member role there); null is the hub's. */
    public static Cluster createCluster(String account, String name, String region, IpFamily ipFamily,
                                        Map<String, String> tags) {
        EksClient eks = new AwsClients(region, MotoServer.endpoint(), MotoServer.credentials()).forAccount(account)
                .eks(region);
        return eks.createCluster(r -> r.name(name)
                .roleArn("arn:aws:iam::" + (account == null ? MotoServer.ACCOUNT : account) + ":role/eks-cluster")
                .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d", "subnet-0e1f2a3b"))
                .kubernetesNetworkConfig(k -> k.ipFamily(ipFamily))
                .tags(tags)).cluster();
    }
}
