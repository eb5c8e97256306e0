package meshonboarder.steps.aws;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.AwsOrganizationalUnits;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.ResolveService;
import meshonboarder.istio.IstioReleasePolicy;
import meshonboarder.join.Admission;
import meshonboarder.join.JoinPolicies;
import meshonboarder.lambda.StepHandler;
import meshonboarder.settings.Env;
import meshonboarder.settings.MeshSettings;

/** {@code Resolve}: the execution input (EventBridge event or manual input) to {@code $.cluster}. */
public final class ResolveHandler extends StepHandler<JsonNode, Cluster> {

    private final ResolveService service;

    public ResolveHandler() {
        this(Wiring.fromEnvironment());
    }

    public ResolveHandler(Wiring wiring) {
        super(JsonNode.class);
        MeshSettings mesh = wiring.mesh();
        Env env = wiring.env();
        JoinPolicies policies = JoinPolicies.parse(env.optional("HUB_ACCOUNT_ID").orElse(null),
                env.optional("JOIN_POLICIES").orElse(""));
        // the membership only for a policy's maxMembers; Organizations only for a policy's organizationalUnits, read
        // through ORGANIZATIONS_ROLE_ARN when set (docs/join-policy.md)
        Admission admission = new Admission(policies, new AwsOrganizationalUnits(wiring.aws(),
                env.optional("ORGANIZATIONS_ROLE_ARN").orElse(null)), DynamoMeshMembers.from(wiring));
        this.service = new ResolveService(new AwsEksClusters(wiring.aws()), mesh, admission,
                env.string("ISTIO_VERSION", IstioReleasePolicy.DEFAULT_VERSION));
    }

    @Override
    protected Cluster handle(JsonNode input) {
        return service.resolve(input);
    }
}
