package meshonboarder.steps.access;

import meshonboarder.access.Access;
import meshonboarder.access.GrantAccessService;
import meshonboarder.aws.AwsAccessEntries;
import meshonboarder.aws.AwsIamRoles;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.settings.ClusterAccessRole;
import meshonboarder.settings.Partition;

/**
 * {@code GrantAccess}: an EKS access entry with cluster admin for the cluster access role ({@code $.access}); one
 * older than the role is made again. ReconcileMesh runs it on every member too.
 */
public final class GrantAccessHandler extends StepHandler<GrantAccessHandler.Input, Access> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of Resolve") Cluster cluster) {
    }

    private final GrantAccessService service;

    public GrantAccessHandler() {
        this(Wiring.fromEnvironment());
    }

    public GrantAccessHandler(Wiring wiring) {
        super(Input.class);
        this.service = new GrantAccessService(new AwsAccessEntries(wiring.aws()), new AwsIamRoles(wiring.aws()),
                ClusterAccessRole.required(wiring.env()), Partition.of(wiring.env()));
    }

    @Override
    protected Access handle(Input input) {
        return service.grant(input.cluster());
    }
}
