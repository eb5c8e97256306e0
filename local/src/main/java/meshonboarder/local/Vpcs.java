package meshonboarder.local;

import io.fabric8.kubernetes.api.model.Service;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/** VPCs in moto's EC2 for the stand-in clusters, of either kind, and what AWS refuses to place in them. */
final class Vpcs {

    /** A VPC and its subnets. */
    record Vpc(String vpcId, List<String> subnetIds) {
    }

    /** eksctl and the EKS VPC templates tag subnets so that the AWS Load Balancer Controller finds them. */
    private static final List<Tag> ROLE_TAGS = List.of(Tag.builder().key("kubernetes.io/role/elb").value("1").build(),
            Tag.builder().key("kubernetes.io/role/internal-elb").value("1").build());

    private Vpcs() {
    }

    /**
     * A dual-stack VPC with two subnets, as AWS recommends for IPv4 clusters that need IPv6 egress (nodes get IPv6
     * addresses on launch).
     *
     * @param cidr the VPC's IPv4 block, a /16: subnets are its first two /24s
     */
    static Vpc dualStack(LocalController controller, String cidr) {
        Vpc vpc = ipv4Only(controller, cidr);
        addIpv6(controller, vpc);
        return vpc;
    }

    /** A single-stack IPv4 VPC with two subnets: where the AWS post places its IPv4 cluster. */
    static Vpc ipv4Only(LocalController controller, String cidr) {
        Ec2Client ec2 = ec2(controller);
        String vpcId = ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
        String prefix = cidr.substring(0, cidr.indexOf('.', cidr.indexOf('.') + 1)); // "10.0"
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int index = i;
            String id = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(prefix + "." + index + ".0/24")).subnet()
                    .subnetId();
            ec2.createTags(r -> r.resources(id).tags(ROLE_TAGS));
            ids.add(id);
        }
        return new Vpc(vpcId, List.copyOf(ids));
    }

    /**
     * What a user does to make the VPC dual-stack, as the named error says: an Amazon-provided IPv6 /56 on the VPC
     * ({@code aws ec2 associate-vpc-cidr-block --amazon-provided-ipv6-cidr-block}), a /64 of it on each subnet
     * ({@code aws ec2 associate-subnet-cidr-block}), and IPv6 addresses for instances launched there.
     */
    static void addIpv6(LocalController controller, Vpc vpc) {
        Ec2Client ec2 = ec2(controller);
        String block = ec2.associateVpcCidrBlock(r -> r.vpcId(vpc.vpcId()).amazonProvidedIpv6CidrBlock(true))
                .ipv6CidrBlockAssociation().ipv6CidrBlock(); // a /56
        for (int i = 0; i < vpc.subnetIds().size(); i++) {
            int index = i;
            String id = vpc.subnetIds().get(i);
            ec2.associateSubnetCidrBlock(r -> r.subnetId(id).ipv6CidrBlock(subnet64(block, index)));
            ec2.modifySubnetAttribute(r -> r.subnetId(id).assignIpv6AddressOnCreation(a -> a.value(true)));
        }
    }

    /**
     * Why AWS would refuse the NLB a Service asks for in this VPC, or empty. A dualstack NLB needs IPv6 CIDRs on its
     * VPC and on every subnet it uses (Elastic Load Balancing, "Update the IP address types for your Network Load
     * Balancer", Dualstack requirements); its subnets are the ones tagged for its scheme.
     */
    static Optional<String> refusal(LocalController controller, String vpcId, Service service) {
        Map<String, String> annotations = service.getMetadata().getAnnotations() == null ? Map.of()
                : service.getMetadata().getAnnotations();
        if (!"dualstack".equals(annotations.get("service.beta.kubernetes.io/aws-load-balancer-ip-address-type"))) {
            return Optional.empty();
        }
        Ec2Client ec2 = ec2(controller);
        boolean vpcIpv6 = ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).ipv6CidrBlockAssociationSet()
                .stream().anyMatch(a -> a.ipv6CidrBlock() != null);
        String role = "internet-facing".equals(annotations.get("service.beta.kubernetes.io/aws-load-balancer-scheme"))
                ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb";
        List<String> without = ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder().name("tag-key").values(role).build())).subnets().stream()
                .filter(s -> s.ipv6CidrBlockAssociationSet().stream().noneMatch(a -> a.ipv6CidrBlock() != null))
                .map(Subnet::subnetId).toList();
        if (vpcIpv6 && without.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("You must specify subnets with an associated IPv6 CIDR block (VPC " + vpcId
                + (vpcIpv6 ? "" : " has none") + (without.isEmpty() ? "" : "; subnets without one: " + without) + ")");
    }

    private static Ec2Client ec2(LocalController controller) {
        return controller.aws().client("ec2", LocalController.REGION, Ec2Client::builder);
    }

    /** The {@code index}-th /64 of a /56. */
    private static String subnet64(String block56, int index) {
        try {
            byte[] address = InetAddress.getByName(block56.substring(0, block56.indexOf('/'))).getAddress();
            address[7] = (byte) index;
            return InetAddress.getByAddress(address).getHostAddress().replaceAll("(:0)+$", "::") + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
