package meshonboarder.steps.cluster;

import java.util.List;
import meshonboarder.aws.AwsApiServers;
import meshonboarder.aws.DynamoMeshChecks;
import meshonboarder.aws.Wiring;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.remote.KubernetesRemoteSecretClusters;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.MeshChecks;
import meshonboarder.reconcile.RepairRemoteSecretsService;
import meshonboarder.reconcile.SecretRepairResult;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeSettings;

/**
 * {@code RepairRemoteSecrets}, one item of the reconciler's RepairRemoteSecrets Map: one subject's remote secret rewritten
 * in every holder this execution's CheckRemoteSecrets found broken (read from the mesh table). A subject that cannot
 * be read is {@code meshonboarder.errors.Transient} for the Map's Retry; a holder that cannot be written is in the
 * result; findings of another execution are {@code meshonboarder.errors.CheckSuperseded}.
 */
public final class RepairRemoteSecretsHandler extends StepHandler<RepairRemoteSecretsHandler.Input, SecretRepairResult> {

    /** The Map's ItemSelector: the subject of an item of $.remoteSecrets.repairs, $.membership.members, the run. */
    public record Input(@Required("the subject of an item of $.remoteSecrets.repairs") String subject,
                        @Required("$.membership.members") List<Member> members,
                        @Required("$$.Execution.Id") String executionArn) {
    }

    private final RepairRemoteSecretsService service;

    public RepairRemoteSecretsHandler() {
        this(Wiring.fromEnvironment());
    }

    public RepairRemoteSecretsHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public RepairRemoteSecretsHandler(Wiring wiring, ClusterConnector connector) {
        this(wiring, connector, new AwsApiServers(wiring.aws()), DynamoMeshChecks.from(wiring));
    }

    /** With the API servers and the findings' store given: tests point at stand-ins. */
    RepairRemoteSecretsHandler(Wiring wiring, ClusterConnector connector, ApiServers apiServers, MeshChecks checks) {
        super(Input.class);
        this.service = new RepairRemoteSecretsService(new KubernetesRemoteSecretClusters(connector), apiServers,
                ExchangeSettings.from(wiring.env()), checks);
    }

    @Override
    protected SecretRepairResult handle(Input input) {
        return service.repair(input.subject(), input.members(), input.executionArn());
    }
}
