package meshonboarder.steps.aws;

import java.time.Clock;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.DynamoOnboardingRecords;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.discovery.ClaimOnboardingService;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;

/** {@code ClaimOnboarding}: the cluster's claim for this execution; {@code $.claim} says whether it goes on. */
public final class ClaimOnboardingHandler extends StepHandler<ClaimOnboardingHandler.Input, ClaimOnboardingService.Claim> {

    public record Input(@Required("$$.Execution.Id, from the state machine's Parameters") String executionArn,
                        @Required("the output of Resolve") Cluster cluster) {
    }

    private final ClaimOnboardingService service;

    public ClaimOnboardingHandler() {
        this(Wiring.fromEnvironment());
    }

    public ClaimOnboardingHandler(Wiring wiring) {
        super(Input.class);
        this.service = new ClaimOnboardingService(DynamoOnboardingRecords.from(wiring), new AwsEksClusters(wiring.aws()));
    }

    @Override
    protected ClaimOnboardingService.Claim handle(Input input) {
        return service.claim(input.cluster(), input.executionArn(), Clock.systemUTC().instant());
    }
}
