package meshonboarder.steps.cluster;

import java.time.Clock;
import meshonboarder.aws.AwsSecretStore;
import meshonboarder.aws.Wiring;
import meshonboarder.ca.CaResult;
import meshonboarder.ca.CaSettings;
import meshonboarder.ca.EnsureCaService;
import meshonboarder.cluster.Cluster;
import meshonboarder.errors.InvalidInput;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.ca.KubernetesCaCertsSecrets;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.pki.BouncyCastleCaIssuer;
import meshonboarder.secrets.CaSecretNames;

/**
 * {@code EnsureCa}: the mesh root, the cluster's intermediate and its {@code cacerts} Secret, before Istio is
 * installed. The output ({@code $.ca}) holds secret ARNs and fingerprints, never key material.
 */
public final class EnsureCaHandler extends StepHandler<EnsureCaHandler.Input, CaResult> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of Resolve") Cluster cluster) {
    }

    private final EnsureCaService service;

    public EnsureCaHandler() {
        this(Wiring.fromEnvironment());
    }

    public EnsureCaHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public EnsureCaHandler(Wiring wiring, ClusterConnector connector) {
        this(wiring, connector, Clock.systemUTC());
    }

    EnsureCaHandler(Wiring wiring, ClusterConnector connector, Clock clock) {
        super(Input.class);
        CaSettings settings = CaSettings.from(wiring.env());
        this.service = new EnsureCaService(new AwsSecretStore(wiring.aws(), settings.kmsKeyId()),
                new CaSecretNames(wiring.mesh().secretPrefix()), settings, new BouncyCastleCaIssuer(),
                new KubernetesCaCertsSecrets(connector), clock);
    }

    @Override
    protected CaResult handle(Input input) {
        Cluster cluster = input.cluster();
        // the secrets are named by both; the reconciler passes a member record here, which must name them too
        if (cluster.meshId() == null || cluster.clusterName() == null) {
            throw new InvalidInput("EnsureCa needs $.cluster.clusterName and $.cluster.meshId (the output of Resolve, "
                    + "or a member record).");
        }
        return service.ensure(cluster);
    }
}
