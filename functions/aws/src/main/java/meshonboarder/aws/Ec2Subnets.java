package meshonboarder.aws;

import java.util.List;
import java.util.Set;
import meshonboarder.cni.Subnets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;

/** {@link Subnets} over EC2 DescribeSubnets, in whichever region the cluster lives. */
public final class Ec2Subnets implements Subnets {

    private static final Set<String> GONE = Set.of("disassociating", "disassociated", "failing", "failed");

    private final AwsClients aws;

    public Ec2Subnets(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public List<Subnet> describe(String region, List<String> subnetIds) {
        if (subnetIds.isEmpty()) {
            return List.of();
        }
        try {
            // A filter rather than SubnetIds: a subnet deleted since the cluster was made is left out, not an error.
            DescribeSubnetsRequest request = DescribeSubnetsRequest.builder()
                    .filters(Filter.builder().name("subnet-id").values(subnetIds).build()).build();
            return aws.ec2(region).describeSubnetsPaginator(request).subnets().stream()
                    .map(s -> new Subnet(s.subnetId(), s.ipv6CidrBlockAssociationSet().stream()
                            .anyMatch(Ec2Subnets::usable), Boolean.TRUE.equals(s.assignIpv6AddressOnCreation())))
                    .toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "describing subnets " + subnetIds + " in " + region);
        }
    }

    /** A block on its way out does not count; any other state (associating, associated) does. */
    private static boolean usable(SubnetIpv6CidrBlockAssociation association) {
        String state = association.ipv6CidrBlockState() == null ? null
                : association.ipv6CidrBlockState().stateAsString();
        return association.ipv6CidrBlock() != null && !GONE.contains(state);
    }
}
