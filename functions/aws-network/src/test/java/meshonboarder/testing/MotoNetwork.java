package meshonboarder.testing;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import meshonboarder.aws.AwsClients;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.IpFamily;

/** VPCs and subnets in the moto server, with or without IPv6, and EKS clusters placed in them. */
public final class MotoNetwork {

    /** A VPC and its subnets, in creation order. */
    public record Vpc(String vpcId, List<String> subnetIds) {
    }

    private MotoNetwork() {
    }

    /**
     * A VPC with an Amazon-provided IPv6 CIDR and {@code subnets} subnets; the first {@code withIpv6} of them
     * get an IPv6 /64 too and, when {@code assignIpv6}, give instances an IPv6 address on launch.
     */
    public static Vpc vpc(String region, int subnets, int withIpv6, boolean assignIpv6) {
        Ec2Client ec2 = ec2(region);
        var vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
        String ipv6Block = vpc.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < subnets; i++) {
            int index = i;
            String id = ec2.createSubnet(r -> {
                r.vpcId(vpc.vpcId()).cidrBlock("10.0." + index + ".0/24");
                if (index < withIpv6) {
                    r.ipv6CidrBlock(subnet64(ipv6Block, index));
                }
            }).subnet().subnetId();
            if (index < withIpv6 && assignIpv6) {
                ec2.modifySubnetAttribute(r -> r.subnetId(id).assignIpv6AddressOnCreation(a -> a.value(true)));
            }
            ids.add(id);
        }
        return new Vpc(vpc.vpcId(), List.copyOf(ids));
    }

    /**
     * A single-stack IPv4 VPC (no IPv6 CIDR anywhere), as the AWS post places its IPv4 cluster; every subnet gets
     * {@code subnetTags}.
     */
    public static Vpc ipv4Vpc(String region, int subnets, Map<String, String> subnetTags) {
        Ec2Client ec2 = ec2(region);
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < subnets; i++) {
            int index = i;
            String id = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.1." + index + ".0/24")).subnet().subnetId();
            tag(region, id, subnetTags);
            ids.add(id);
        }
        return new Vpc(vpcId, List.copyOf(ids));
    }

    /** Tags a subnet (or any EC2 resource). */
    public static void tag(String region, String resourceId, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            ec2(region).createTags(r -> r.resources(resourceId).tags(tags.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey())
                            .value(e.getValue()).build()).toList()));
        }
    }

    /**
     * What a user does to make an IPv4 VPC dual-stack: an Amazon-provided IPv6 block on the VPC
     * ({@code aws ec2 associate-vpc-cidr-block --amazon-provided-ipv6-cidr-block}), then a /64 of it on every
     * subnet ({@code aws ec2 associate-subnet-cidr-block}).
     */
    public static void addIpv6(String region, Vpc vpc) {
        Ec2Client ec2 = ec2(region);
        String block = ec2.associateVpcCidrBlock(r -> r.vpcId(vpc.vpcId()).amazonProvidedIpv6CidrBlock(true))
                .ipv6CidrBlockAssociation().ipv6CidrBlock();
        for (int i = 0; i < vpc.subnetIds().size(); i++) {
            int index = i;
            ec2.associateSubnetCidrBlock(r -> r.subnetId(vpc.subnetIds().get(index))
                    .ipv6CidrBlock(subnet64(block, index)));
        }
    }

    /** An EKS cluster in the VPC's subnets, as a user's CreateCluster call would make it. */
    public static Cluster createCluster(String name, String region, IpFamily ipFamily, Map<String, String> tags,
                                        Vpc vpc) {
        return aws(region).eks(region).createCluster(r -> r.name(name)
                .roleArn("arn:aws:iam::" + MotoServer.ACCOUNT + ":role/eks-cluster")
                .resourcesVpcConfig(v -> v.subnetIds(vpc.subnetIds()))
                .kubernetesNetworkConfig(k -> k.ipFamily(ipFamily))
                .tags(tags)).cluster();
    }

    private static Ec2Client ec2(String region) {
        return aws(region).client("ec2", region, Ec2Client::builder);
    }

    private static AwsClients aws(String region) {
        return new AwsClients(region, MotoServer.endpoint(), MotoServer.credentials());
    }

    /** The {@code index}-th /64 of a /56. */
    private static String subnet64(String block56, int index) {
        try {
            String prefix = block56.substring(0, block56.indexOf('/'));
            BigInteger network = new BigInteger(1, InetAddress.getByName(prefix).getAddress());
            byte[] raw = network.add(BigInteger.valueOf(index).shiftLeft(64)).toByteArray();
            byte[] address = new byte[16];
            System.arraycopy(raw, Math.max(0, raw.length - 16), address, Math.max(0, 16 - raw.length),
                    Math.min(16, raw.length));
            return InetAddress.getByAddress(address).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
