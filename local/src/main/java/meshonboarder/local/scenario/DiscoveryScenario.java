package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meshonboarder.json.Json;
import meshonboarder.local.LocalController;
import meshonboarder.local.standin.Vpcs;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Level-triggered membership: clusters join without their events. eks-1 and eks-2 carry the mesh tag before the
 * stack exists and join by the reconcile the deploy starts (mesh1 has no member yet); eks-4's CreateCluster event is
 * lost and the schedule finds it; eks-3's onboarding fails on its network, is reported and not started again until
 * the user fixes the network and changes its tags; eks-5's event and a scheduled run race, and one onboarding does
 * the work.
 */
final class DiscoveryScenario extends Scenario {

    DiscoveryScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        out.println("eks-1 and eks-2 carry the mesh tag before the stack is deployed (no event reaches it):");
        drive.createInEks("eks-1");
        drive.createInEks("eks-2");
        out.println("the stack's deploy ends (CREATE_COMPLETE):");
        Set<String> before = drive.onboardings();
        DescribeExecutionResponse started = drive.startByEvent(drive.deployEvent("CREATE_COMPLETE"), "stack");
        expect.status("ReconcileMesh after the deploy", started, ExecutionStatus.SUCCEEDED);
        // the run for every mesh started one child per mesh, here mesh1's: it reports what was discovered
        DescribeExecutionResponse deploy = drive.withChildren(started);
        expectDiscovered(deploy, "eks-1", "eks-2");
        joined(drive.followNewOnboardings(before), "eks-1", "eks-2");
        expect.fullMesh("eks-1", "eks-2");

        out.println("eks-4 is created with the mesh tag; its CreateCluster event is lost:");
        drive.createInEks("eks-4");
        before = drive.onboardings();
        DescribeExecutionResponse scheduled = drive.scheduledReconcile();
        expectDiscovered(scheduled, "eks-4");
        List<String> entered = controller.statesEntered(scheduled.executionArn());
        expect.that(entered.contains("StartEachMesh") && !entered.contains("ReconcileEachMesh"), "the scheduled run "
                + "only planned: it started mesh1's child execution and reconciled no mesh itself");
        joined(drive.followNewOnboardings(before), "eks-4");
        expect.fullMesh("eks-1", "eks-2", "eks-4");

        out.println("eks-3 is created with the mesh tag in a VPC without IPv6, its event lost; the mesh holds IPv6 clusters:");
        Vpcs.Vpc vpc = drive.ipv4OnlyVpc("eks-3");
        drive.createInEks("eks-3");
        before = drive.onboardings();
        drive.scheduledReconcile();
        Map<String, DescribeExecutionResponse> failed = drive.followNewOnboardings(before);
        expect.that(failed.size() == 1 && failed.get("eks-3") != null
                        && "meshonboarder.errors.LoadBalancerSubnetsWithoutIpv6".equals(failed.get("eks-3").error()),
                "eks-3's onboarding fails with LoadBalancerSubnetsWithoutIpv6 (" + failed.keySet() + ")");
        out.println("the next scheduled run reports eks-3 with its error and does not start it again:");
        before = drive.onboardings();
        DescribeExecutionResponse reported = drive.scheduledReconcile();
        JsonNode notAdmitted = report(reported).path("notAdmitted");
        expect.that(notAdmitted.size() == 1 && "eks-3".equals(notAdmitted.path(0).path("clusterName").asText())
                        && notAdmitted.path(0).path("lastError").asText().contains("LoadBalancerSubnetsWithoutIpv6"),
                "the report names eks-3 as not admitted with its last error (" + notAdmitted + ")");
        expect.that(drive.onboardings().equals(before), "no onboarding of eks-3 was started again");

        out.println("the user adds IPv6 CIDRs to eks-3's VPC and tags the cluster (team=payments):");
        drive.addIpv6(vpc);
        controller.aws().eks(LocalController.REGION).tagResource(r -> r.resourceArn(clusterArn("eks-3"))
                .tags(Map.of("team", "payments")));
        before = drive.onboardings();
        DescribeExecutionResponse retried = drive.scheduledReconcile();
        expectDiscovered(retried, "eks-3");
        joined(drive.followNewOnboardings(before), "eks-3");

        out.println("eks-5 is created with the mesh tag; its CreateCluster event and a scheduled run start together:");
        drive.createInEks("eks-5");
        before = drive.onboardings();
        drive.startByRule(drive.createEvent("eks-5"), "eks-5");
        drive.scheduledReconcile();
        Map<String, DescribeExecutionResponse> raced = drive.followNewOnboardings(before);
        expect.that(raced.keySet().stream().allMatch(k -> k.startsWith("eks-5")), "only eks-5 was started ("
                + raced.keySet() + ")");
        long working = raced.values().stream().filter(r -> controller.statesEntered(r.executionArn())
                .contains("RegisterMember")).count();
        long stopped = raced.values().stream().filter(r -> controller.statesEntered(r.executionArn())
                .contains("AlreadyOnboarding")).count();
        expect.that(working == 1 && stopped == raced.size() - 1, "exactly one onboarding of eks-5 did the work ("
                + raced.size() + " started, " + stopped + " ended AlreadyOnboarding)");

        String[] mesh = {"eks-1", "eks-2", "eks-3", "eks-4", "eks-5"};
        expect.fullMesh(mesh);
        expect.gateways("dualstack", mesh);
        out.println("ReconcileMesh as the schedule starts it: nothing left to discover, nothing written");
        before = drive.onboardings();
        expect.noWrites(() -> expect.outcome(drive.scheduledReconcile(), "HEALTHY"), mesh);
        expect.that(drive.onboardings().equals(before), "no onboarding was started");
        expect.noSecretsInState();
    }

    private String clusterArn(String cluster) {
        return controller.aws().eks(LocalController.REGION).describeCluster(r -> r.name(cluster)).cluster().arn();
    }

    /** Every onboarding succeeded, one for each of these clusters. */
    private void joined(Map<String, DescribeExecutionResponse> onboardings, String... clusters) {
        expect.that(onboardings.keySet().equals(Set.of(clusters)), "one onboarding each was started for "
                + List.of(clusters) + " (" + onboardings.keySet() + ")");
        onboardings.forEach((cluster, run) -> expect.status(cluster, run, ExecutionStatus.SUCCEEDED));
    }

    private void expectDiscovered(DescribeExecutionResponse run, String... clusters) {
        JsonNode discovered = report(run).path("discovered");
        List<String> names = discovered.findValuesAsText("clusterName");
        expect.that(Set.copyOf(names).equals(Set.of(clusters)), "the report names " + List.of(clusters)
                + " as discovered (" + names + ")");
    }

    /** The run's one mesh report. */
    private static JsonNode report(DescribeExecutionResponse run) {
        if (run == null || run.output() == null) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(run.output()).path("meshes").path(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
