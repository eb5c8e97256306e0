package meshonboarder.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** VPCs in moto's EC2 for the stand-in clusters. */
final class Vpcs {

    private Vpcs() {
    }

    /**
     * A dual-stack VPC with two subnets, as AWS recommends for IPv4 clusters that need IPv6 egress (nodes get IPv6
     * addresses on launch); its subnet ids.
     *
     * @param cidr the VPC's IPv4 block, a /16: subnets are its first two /24s
     */
    static List<String> dualStack(LocalController controller, String cidr) {
        var ec2 = controller.aws().ec2(LocalController.REGION);
        var vpc = ec2.createVpc(r -> r.cidrBlock(cidr).amazonProvidedIpv6CidrBlock(true)).vpc();
        String block = vpc.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock(); // a /56
        String prefix = cidr.substring(0, cidr.indexOf('.', cidr.indexOf('.') + 1)); // "10.0"
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int index = i;
            String id = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock(prefix + "." + index + ".0/24")
                    .ipv6CidrBlock(subnet64(block, index))).subnet().subnetId();
            ec2.modifySubnetAttribute(r -> r.subnetId(id).assignIpv6AddressOnCreation(a -> a.value(true)));
            ids.add(id);
        }
        return ids;
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
