package meshonboarder.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meshonboarder.aws.ClusterLocations.Location;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.cluster.IpFamily;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ListClustersRequest;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** {@link EksClusters} over the EKS API, in whichever account and region a cluster lives. */
public final class AwsEksClusters implements EksClusters {

    private final AwsClients aws;

    public AwsEksClusters(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * By its name in the mesh: a member account's cluster is described in its account, under its EKS name, and
     * answered under the name it was asked by, so that the domain's later calls about it (and its comparisons with
     * the membership) keep using that name.
     */
    @Override
    public Optional<EksCluster> describe(String region, String name) {
        AwsClients.ClusterClients at = aws.forCluster(region, name);
        return describe(at.aws(), ClusterLocations.cluster(region, name).orElse(null), region, at.eksName())
                .map(c -> c.name().equals(name) ? c : c.named(name));
    }

    /** By its EKS name in {@code account} (null: the hub's), as an event or a manual input names it. */
    @Override
    public Optional<EksCluster> describe(String account, String region, String eksName) {
        AwsClients clients = aws.forAccount(account);
        Location location = clients == aws ? null : new Location(account, eksName);
        return describe(clients, location, region, eksName);
    }

    private Optional<EksCluster> describe(AwsClients clients, Location member, String region, String eksName) {
        try {
            Cluster c = clients.eks(region).describeCluster(r -> r.name(eksName)).cluster();
            EksCluster cluster = toEksCluster(region, c);
            if (member != null) {
                // EC2 calls about its VPC and subnets go to its account too (GatherNetwork, RecheckNetwork)
                List<String> ids = new ArrayList<>(cluster.subnetIds());
                ids.add(cluster.vpcId());
                ClusterLocations.rememberResources(region, member, ids);
            }
            return Optional.of(cluster);
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "describing EKS cluster '" + eksName + "' in " + region
                    + (member == null ? "" : " of account " + member.account()));
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
