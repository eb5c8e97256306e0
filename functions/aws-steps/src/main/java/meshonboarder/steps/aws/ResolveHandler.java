package meshonboarder.steps.aws;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.ResolveService;
import meshonboarder.istio.IstioReleasePolicy;
import meshonboarder.lambda.StepHandler;

/** {@code Resolve}: the execution input (EventBridge event or manual input) to {@code $.cluster}. */
public final class ResolveHandler extends StepHandler<JsonNode, Cluster> {

    private final ResolveService service;

    public ResolveHandler() {
        this(Wiring.fromEnvironment());
    }

    public ResolveHandler(Wiring wiring) {
        super(JsonNode.class);
        this.service = new ResolveService(new AwsEksClusters(wiring.aws()), wiring.mesh(),
                wiring.env().string("ISTIO_VERSION", IstioReleasePolicy.DEFAULT_VERSION));
    }

    @Override
    protected Cluster handle(JsonNode input) {
        return service.resolve(input);
    }
}
