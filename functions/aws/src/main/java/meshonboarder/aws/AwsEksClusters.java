package meshonboarder.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.cluster.IpFamily;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ListClustersRequest;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** {@link EksClusters} over the EKS API, in whichever region a cluster lives. */
public final class AwsEksClusters implements EksClusters {

    private final AwsClients aws;

    public AwsEksClusters(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<EksCluster> describe(String region, String name) {
        try {
            Cluster c = aws.eks(region).describeCluster(r -> r.name(name)).cluster();
            return Optional.of(toEksCluster(region, c));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "describing EKS cluster '" + name + "' in " + region);
        }
    }

    @Override
    public List<String> list(String region) {
        try {
            List<String> names = new ArrayList<>();
            aws.eks(region).listClustersPaginator(ListClustersRequest.builder().build()).clusters().forEach(names::add);
            return names;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "listing EKS clusters in " + region);
        }
    }

    private static EksCluster toEksCluster(String region, Cluster c) {
        String ipFamily = c.kubernetesNetworkConfig() == null ? null : c.kubernetesNetworkConfig().ipFamilyAsString();
        String vpcId = c.resourcesVpcConfig() == null ? null : c.resourcesVpcConfig().vpcId();
        List<String> subnets = c.resourcesVpcConfig() == null ? List.of() : c.resourcesVpcConfig().subnetIds();
        String ca = c.certificateAuthority() == null ? null : c.certificateAuthority().data();
        String authMode = c.accessConfig() == null ? null : c.accessConfig().authenticationModeAsString();
        boolean autoMode = c.computeConfig() != null && Boolean.TRUE.equals(c.computeConfig().enabled());
        return new EksCluster(c.name(), region, c.arn(), c.statusAsString(), c.endpoint(), ca, IpFamily.of(ipFamily),
                vpcId, subnets, c.version(), c.tags(), authMode, autoMode);
    }
}
