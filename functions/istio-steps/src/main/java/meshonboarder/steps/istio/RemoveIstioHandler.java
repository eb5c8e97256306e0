package meshonboarder.steps.istio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import meshonboarder.aws.Wiring;
import meshonboarder.helm.HelmJavaAccess;
import meshonboarder.istio.HelmAccess;
import meshonboarder.istio.IstioRemoval;
import meshonboarder.istio.RemoveIstioService;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.istio.KubernetesIstioClusters;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;

/**
 * {@code RemoveIstio}: mesh-onboarder's Istio off a cluster whose mesh tag was removed, when
 * {@code RemoveIstioOnLeave} is true ({@code $.istioRemoval}).
 */
public final class RemoveIstioHandler extends StepHandler<RemoveIstioHandler.Input, IstioRemoval> {

    /** The ASL's Parameters: {@code {member: $.departure.member, removal: $.removal}}. */
    public record Input(@Required("the departing member, $.departure.member") Member member,
                        List<JsonNode> removal) {
    }

    private final RemoveIstioService service;

    public RemoveIstioHandler() {
        this(Wiring.fromEnvironment());
    }

    public RemoveIstioHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public RemoveIstioHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        // Helm uninstalls from the release records alone: this step never fetches a chart
        HelmAccess helm = HelmJavaAccess.of(wiring.aws().priming(), chart -> {
            throw new IllegalStateException("RemoveIstio fetches no chart, yet " + chart + " was asked for");
        });
        this.service = new RemoveIstioService(new KubernetesIstioClusters(connector, helm),
                wiring.env().bool("REMOVE_ISTIO_ON_LEAVE", false));
    }

    @Override
    protected IstioRemoval handle(Input input) {
        return service.remove(input.member(), input.removal());
    }
}
