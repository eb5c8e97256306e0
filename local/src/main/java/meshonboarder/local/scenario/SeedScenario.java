package meshonboarder.local.scenario;

import meshonboarder.local.standin.Vpcs;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The AWS post's setup as AWS really behaves: eks-1 (IPv4, in a single-stack IPv4 VPC) joins mesh1; eks-2 (IPv6) is
 * created with the mesh tag and refused before any write, since a mixed mesh needs dual-stack east-west gateways; the
 * user adds IPv6 CIDRs to eks-1's VPC as the error says, and the re-run meshes both with every gateway dualstack. A
 * third onboarding of eks-2 writes nothing.
 */
final class SeedScenario extends Scenario {

    SeedScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        Vpcs.Vpc vpc = drive.ipv4OnlyVpc("eks-1");
        drive.joinByHand("eks-1");
        expect.gateways("ipv4", "eks-1");
        drive.createInEks("eks-2");
        out.println("eks-2 is created with the mesh tag (CreateCluster event):");
        DescribeExecutionResponse refused = drive.startByEvent(drive.createEvent("eks-2"), "eks-2");
        expect.that(refused != null && "meshonboarder.errors.LoadBalancerSubnetsWithoutIpv6".equals(refused.error()),
                "eks-2 is refused with LoadBalancerSubnetsWithoutIpv6 while eks-1's VPC is IPv4 only");
        expect.that(cluster("eks-2").secrets("istio-system").isEmpty(), "nothing was written to eks-2");
        expect.gateways("ipv4", "eks-1");
        out.println("the user adds IPv6 CIDRs to eks-1's VPC, as the error says:");
        out.println("  aws ec2 associate-vpc-cidr-block --vpc-id " + vpc.vpcId() + " --amazon-provided-ipv6-cidr-block");
        vpc.subnetIds().forEach(id -> out.println("  aws ec2 associate-subnet-cidr-block --subnet-id " + id
                + " --ipv6-cidr-block <a /64 of the VPC's block>"));
        drive.addIpv6(vpc);
        out.println("eks-2 is onboarded again (manual input):");
        DescribeExecutionResponse joined = drive.onboardByHand("eks-2");
        expect.status("eks-2", joined, ExecutionStatus.SUCCEEDED);
        expect.networkTrimmed("eks-2", joined);
        expect.fullMesh("eks-1", "eks-2");
        expect.gateways("dualstack", "eks-1", "eks-2");
        drive.onboardAgainChangesNothing("eks-2", "eks-1", "eks-2");
        expect.noSecretsInState();
    }
}
