package meshonboarder.steps.cluster;

import java.util.List;
import java.util.Map;
import meshonboarder.aws.AwsApiServers;
import meshonboarder.aws.Wiring;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.remote.KubernetesRemoteSecretClusters;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.PairProblem;
import meshonboarder.reconcile.RepairRemoteSecretsService;
import meshonboarder.reconcile.SecretRepair;
import meshonboarder.reconcile.SecretRepairResult;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeSettings;

/**
 * {@code RepairRemoteSecrets}, one item of the reconciler's RepairRemoteSecrets Map: one subject's remote secret rewritten
 * in every holder CheckRemoteSecrets found broken. A subject that cannot be read is
 * {@code meshonboarder.errors.Transient} for the Map's Retry; a holder that cannot be written is in the result.
 */
public final class RepairRemoteSecretsHandler extends StepHandler<RepairRemoteSecretsHandler.Input, SecretRepairResult> {

    /** The Map's ItemSelector: an item of $.remoteSecrets.repairs, and $.membership.members. */
    public record Input(@Required("an item of $.remoteSecrets.repairs") Member subject,
                        @Required("an item of $.remoteSecrets.repairs") Map<PairProblem, List<String>> holdersByProblem,
                        @Required("$.membership.members") List<Member> members) {
    }

    private final RepairRemoteSecretsService service;

    public RepairRemoteSecretsHandler() {
        this(Wiring.fromEnvironment());
    }

    public RepairRemoteSecretsHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public RepairRemoteSecretsHandler(Wiring wiring, ClusterConnector connector) {
        this(wiring, connector, new AwsApiServers(wiring.aws()));
    }

    /** With the API servers given: tests point remote secrets at stand-in API servers. */
    RepairRemoteSecretsHandler(Wiring wiring, ClusterConnector connector, ApiServers apiServers) {
        super(Input.class);
        this.service = new RepairRemoteSecretsService(new KubernetesRemoteSecretClusters(connector), apiServers,
                ExchangeSettings.from(wiring.env()));
    }

    @Override
    protected SecretRepairResult handle(Input input) {
        return service.repair(new SecretRepair(input.subject(), input.holdersByProblem()), input.members());
    }
}
