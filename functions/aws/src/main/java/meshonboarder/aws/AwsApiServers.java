package meshonboarder.aws;

import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.Transient;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.VpcConfigResponse;

/**
 * {@link ApiServers} from EKS DescribeCluster: the endpoint and CA exactly as EKS gives them, and whether the
 * endpoint has public access. Reads the SDK's cluster itself because {@link meshonboarder.cluster.EksCluster} does
 * not carry the endpoint access settings.
 */
public final class AwsApiServers implements ApiServers {

    private final AwsClients aws;

    public AwsApiServers(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ApiServer describe(String region, String clusterName) {
        Cluster cluster;
        AwsClients.ClusterClients at = aws.forCluster(region, clusterName);
        try {
            cluster = at.aws().eks(region).describeCluster(r -> r.name(at.eksName())).cluster();
        } catch (ResourceNotFoundException e) {
            throw new ClusterNotFound("There is no EKS cluster named '" + clusterName + "' in " + region + ".", e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "describing EKS cluster '" + clusterName + "' in " + region);
        }
        String ca = cluster.certificateAuthority() == null ? null : cluster.certificateAuthority().data();
        if (blank(cluster.endpoint()) || blank(ca)) {
            throw new Transient("Cluster '" + clusterName + "' in " + region + " has no API endpoint yet (it is "
                    + cluster.statusAsString() + "); try again once it is ACTIVE.");
        }
        VpcConfigResponse vpc = cluster.resourcesVpcConfig();
        // EKS always reports it; absent (older API answers, the stand-ins) means the default, public.
        boolean publicAccess = vpc == null || vpc.endpointPublicAccess() == null || vpc.endpointPublicAccess();
        return new ApiServer(cluster.endpoint(), ca, publicAccess);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
