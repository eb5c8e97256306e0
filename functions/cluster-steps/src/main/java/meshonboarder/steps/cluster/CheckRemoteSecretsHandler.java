package meshonboarder.steps.cluster;

import meshonboarder.aws.AwsApiServers;
import meshonboarder.aws.DynamoMeshChecks;
import meshonboarder.aws.Wiring;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.istio.KubernetesIstiodViews;
import meshonboarder.kubernetes.remote.KubernetesMemberReader;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.Membership;
import meshonboarder.reconcile.MeshChecks;
import meshonboarder.reconcile.RemoteSecretsCheck;
import meshonboarder.reconcile.CheckRemoteSecretsService;
import meshonboarder.remote.ApiServers;

/**
 * {@code CheckRemoteSecrets}: every ordered pair of members has a working remote secret; the broken pairs are kept per
 * subject in the mesh table, and {@code $.remoteSecrets.repairs} names the subjects. Reads each member once; an
 * unreachable one is reported, the others go on.
 */
public final class CheckRemoteSecretsHandler extends StepHandler<CheckRemoteSecretsHandler.Input, RemoteSecretsCheck> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of CheckMembership") Membership membership,
                        @Required("$$.Execution.Id") String executionArn) {
    }

    /** A restarted istiod gets this many poll intervals to come up and sync before the re-check. */
    private static final int RECHECK_INTERVALS = 4;

    private final CheckRemoteSecretsService service;

    public CheckRemoteSecretsHandler() {
        this(Wiring.fromEnvironment());
    }

    public CheckRemoteSecretsHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public CheckRemoteSecretsHandler(Wiring wiring, ClusterConnector connector) {
        this(connector, new AwsApiServers(wiring.aws()),
                RECHECK_INTERVALS * wiring.env().integer("POLL_INTERVAL_SECONDS", 15), DynamoMeshChecks.from(wiring));
    }

    /** With the API servers and the findings' store given: tests point at stand-ins. */
    CheckRemoteSecretsHandler(ClusterConnector connector, ApiServers apiServers, MeshChecks checks) {
        this(connector, apiServers, 1, checks);
    }

    private CheckRemoteSecretsHandler(ClusterConnector connector, ApiServers apiServers, int recheckSeconds,
                                      MeshChecks checks) {
        super(Input.class);
        this.service = new CheckRemoteSecretsService(new KubernetesMemberReader(connector, apiServers),
                new KubernetesIstiodViews(connector), recheckSeconds, checks);
    }

    /**
     * The run's id stamps the findings kept and restarts each istiod at most once per run (see
     * {@link CheckRemoteSecretsService#check}).
     */
    @Override
    protected RemoteSecretsCheck handle(Input input) {
        return service.check(input.membership(), input.executionArn());
    }
}
