package meshonboarder.steps.aws;

import meshonboarder.aws.EventBridgeAnnouncements;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.join.RequestApprovalService;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;

/**
 * {@code RequestApproval}: called with {@code .waitForTaskToken}; puts the approval request, with the task token, on
 * the default bus. The execution waits for the answer, not for this result.
 */
public final class RequestApprovalHandler extends StepHandler<RequestApprovalHandler.Input,
        RequestApprovalService.Requested> {

    /** @param holdSeconds how long the execution waits ({@code $.hold.timeoutSeconds}, ApprovalTimeoutSeconds) */
    public record Input(@Required("$$.Execution.Id, from the state machine's Parameters") String executionArn,
                        @Required("$$.Task.Token, from the state machine's Parameters") String taskToken,
                        @Required("the output of Resolve") Cluster cluster, Integer holdSeconds) {

        /** Never the token: records print their fields, and this one must not reach a log line. */
        @Override
        public String toString() {
            return "Input[executionArn=" + executionArn + ", cluster=" + cluster + ", holdSeconds=" + holdSeconds + "]";
        }
    }

    private final RequestApprovalService service;

    public RequestApprovalHandler() {
        this(Wiring.fromEnvironment());
    }

    public RequestApprovalHandler(Wiring wiring) {
        super(Input.class);
        this.service = new RequestApprovalService(new EventBridgeAnnouncements(wiring.aws()), wiring.mesh().region());
    }

    @Override
    protected RequestApprovalService.Requested handle(Input input) {
        return service.request(input.cluster(), input.executionArn(), input.taskToken(), input.holdSeconds());
    }
}
