package meshonboarder.steps.aws;

import java.time.Clock;
import java.time.Duration;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.DynamoOnboardingRecords;
import meshonboarder.aws.Wiring;
import meshonboarder.discovery.DiscoverClustersService;
import meshonboarder.discovery.Discovery;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.ReconcilePlan;

/** {@code DiscoverClusters}: the tagged clusters that are no members, per mesh, to {@code $.discovery}. */
public final class DiscoverClustersHandler extends StepHandler<DiscoverClustersHandler.Input, Discovery> {

    public record Input(@Required("$$.Execution.Id, from the state machine's Parameters") String executionArn,
                        @Required("the output of PlanReconcile") ReconcilePlan plan) {
    }

    private final DiscoverClustersService service;

    public DiscoverClustersHandler() {
        this(Wiring.fromEnvironment());
    }

    public DiscoverClustersHandler(Wiring wiring) {
        super(Input.class);
        this.service = new DiscoverClustersService(new AwsEksClusters(wiring.aws()), DynamoMeshMembers.from(wiring),
                DynamoOnboardingRecords.from(wiring), wiring.mesh(),
                Duration.ofHours(wiring.env().integer("DISCOVERY_RETRY_HOURS", 24)));
    }

    @Override
    protected Discovery handle(Input input) {
        return service.discover(input.plan(), input.executionArn(), Clock.systemUTC().instant());
    }
}
