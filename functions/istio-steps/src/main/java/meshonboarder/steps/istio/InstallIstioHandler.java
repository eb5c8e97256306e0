package meshonboarder.steps.istio;

import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.EcrCredentials;
import meshonboarder.aws.IstioValuesDocument;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.helm.ChartSources;
import meshonboarder.helm.HelmJavaAccess;
import meshonboarder.istio.HelmAccess;
import meshonboarder.istio.InstallIstioService;
import meshonboarder.istio.IstioInstallation;
import meshonboarder.istio.IstioSettings;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.istio.KubernetesIstioClusters;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.network.NetworkFacts;

/**
 * {@code InstallIstio}: Istio's Helm releases on {@code $.cluster}, and its gateway's address type in its membership
 * record when it is a member; the result goes to {@code $.istio}.
 */
public final class InstallIstioHandler extends StepHandler<InstallIstioHandler.Input, IstioInstallation> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of Resolve") Cluster cluster, NetworkFacts network) {
    }

    private final InstallIstioService service;

    public InstallIstioHandler() {
        this(Wiring.fromEnvironment());
    }

    public InstallIstioHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public InstallIstioHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        IstioSettings settings = IstioSettings.from(wiring.env());
        HelmAccess helm = HelmJavaAccess.of(wiring.aws().priming(),
                ChartSources.of(settings.repository(), new EcrCredentials(wiring.aws())));
        this.service = new InstallIstioService(new KubernetesIstioClusters(connector, helm),
                DynamoMeshMembers.from(wiring), settings,
                wiring.mesh().meshMode(), new IstioValuesDocument(wiring.aws(), settings.valuesParameter()));
    }

    @Override
    protected IstioInstallation handle(Input input) {
        return service.install(input.cluster(), input.network());
    }
}
