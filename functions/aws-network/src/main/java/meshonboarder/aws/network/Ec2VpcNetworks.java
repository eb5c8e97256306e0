package meshonboarder.aws.network;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.AwsErrors;
import meshonboarder.aws.ClusterLocations;
import meshonboarder.network.Vpc;
import meshonboarder.network.VpcNetworks;
import meshonboarder.network.VpcSubnet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@link VpcNetworks} over EC2 DescribeVpcs and DescribeSubnets, in whichever region the cluster lives. The EC2 SDK
 * is the largest there is (78 MB unzipped) and only GatherNetwork and RecheckNetwork call it, so this adapter has a
 * module of its own, and only their package (network-steps) carries it.
 */
public final class Ec2VpcNetworks implements VpcNetworks {

    /** A block on its way out does not count; any other state (associating, associated) does. */
    private static final Set<String> GONE = Set.of("disassociating", "disassociated", "failing", "failed");

    private final AwsClients aws;

    public Ec2VpcNetworks(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<Vpc> describe(String region, String vpcId) {
        try {
            // filters rather than ids: a VPC deleted meanwhile is "not there", not an error
            // fully qualified: the domain's Vpc is imported
            Optional<software.amazon.awssdk.services.ec2.model.Vpc> vpc = ec2(region, vpcId).describeVpcs(
                    DescribeVpcsRequest.builder().filters(filter("vpc-id", vpcId)).build()).vpcs().stream().findFirst();
            if (vpc.isEmpty()) {
                return Optional.empty();
            }
            List<String> vpcIpv6 = vpc.get().ipv6CidrBlockAssociationSet().stream()
                    .filter(a -> a.ipv6CidrBlockState() == null || !GONE.contains(a.ipv6CidrBlockState().stateAsString()))
                    .map(a -> a.ipv6CidrBlock()).filter(Objects::nonNull).toList();
            List<VpcSubnet> subnets = ec2(region, vpcId).describeSubnetsPaginator(DescribeSubnetsRequest.builder()
                    .filters(filter("vpc-id", vpcId)).build()).subnets().stream()
                    .map(Ec2VpcNetworks::subnet).toList();
            return Optional.of(new Vpc(vpcId, vpcIpv6, subnets));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "describing VPC " + vpcId + " in " + region);
        }
    }

    @Override
    public Optional<String> vpcOf(String region, String subnetId) {
        try {
            Optional<String> vpcId = ec2(region, subnetId).describeSubnets(DescribeSubnetsRequest.builder()
                    .filters(filter("subnet-id", subnetId)).build()).subnets().stream()
                    .map(Subnet::vpcId).findFirst();
            // a member cluster's subnet is in a VPC of its account: describe that VPC there too
            ClusterLocations.resource(region, subnetId).ifPresent(location ->
                    ClusterLocations.rememberResources(region, location, vpcId.stream().toList()));
            return vpcId;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "describing subnet " + subnetId + " in " + region);
        }
    }

    /** EC2 of the account that holds the VPC or subnet: a member cluster's are in its account. */
    private Ec2Client ec2(String region, String resourceId) {
        return aws.forResource(region, resourceId).client("ec2", region, Ec2Client::builder);
    }

    private static VpcSubnet subnet(Subnet s) {
        List<String> ipv6 = s.ipv6CidrBlockAssociationSet().stream()
                .filter(a -> a.ipv6CidrBlockState() == null || !GONE.contains(a.ipv6CidrBlockState().stateAsString()))
                .map(a -> a.ipv6CidrBlock()).filter(Objects::nonNull).toList();
        Map<String, String> tags = s.tags().stream()
                .collect(Collectors.toMap(Tag::key, t -> t.value() == null ? "" : t.value(), (a, b) -> b));
        return new VpcSubnet(s.subnetId(), ipv6, Boolean.TRUE.equals(s.assignIpv6AddressOnCreation()), tags);
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
