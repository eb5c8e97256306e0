package meshonboarder.steps.cluster;

import java.util.List;
import meshonboarder.aws.Wiring;
import meshonboarder.istiod.MeshSync;
import meshonboarder.istiod.WaitMeshSyncedService;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.istio.KubernetesIstiodViews;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.remote.ExchangeResult;
import meshonboarder.remote.ExchangeStatus;
import meshonboarder.wait.PollPolicy;

/**
 * {@code WaitMeshSynced}: one look at the new member's istiod and each exchanged peer's; the ASL loops on
 * {@code $.sync.ready} until they report each other synced, or {@code $.sync.timedOut}.
 */
public final class WaitMeshSyncedHandler extends StepHandler<WaitMeshSyncedHandler.Input, MeshSync> {

    /** The execution state's fields this step reads; {@code sync} is absent on the first check. */
    public record Input(@Required("the output of RegisterMember") Member member,
                        @Required("the output of ExchangeWithEachPeer") List<ExchangeResult> exchange,
                        MeshSync sync) {
    }

    private final WaitMeshSyncedService service;

    public WaitMeshSyncedHandler() {
        this(Wiring.fromEnvironment());
    }

    public WaitMeshSyncedHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public WaitMeshSyncedHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new WaitMeshSyncedService(new KubernetesIstiodViews(connector),
                PollPolicy.from(wiring.env(), "MESH_SYNC_TIMEOUT_SECONDS", 120));
    }

    @Override
    protected MeshSync handle(Input input) {
        List<Member> exchanged = input.exchange().stream().filter(e -> e.status() == ExchangeStatus.EXCHANGED)
                .map(ExchangeResult::peer).toList();
        return service.check(input.member(), exchanged, input.sync());
    }
}
