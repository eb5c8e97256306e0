package meshonboarder.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import meshonboarder.errors.AccessEntriesDisabled;
import meshonboarder.errors.ClusterNotActive;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.MeshMismatch;
import meshonboarder.errors.NotAMeshCluster;
import meshonboarder.istio.IstioReleasePolicy;
import meshonboarder.join.Admission;
import meshonboarder.settings.MeshSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Resolve} step: from an event or a manual input to the cluster record every later step reads.
 * Read-only: every check that can fail on bad input runs here, before any cluster is touched, the mesh's join
 * policy included.
 */
public final class ResolveService {

    private static final Logger LOG = LoggerFactory.getLogger(ResolveService.class);
    private static final Set<String> DEAD = Set.of("FAILED", "DELETING");

    private final EksClusters clusters;
    private final MeshSettings settings;
    private final OnboardRequests requests;
    private final Admission admission;
    private final String istioVersion;

    /**
     * @param admission    the join policies, which {@link #resolve} applies
     * @param istioVersion the template's {@code IstioVersion}: a known-bad release ({@link IstioReleasePolicy}) is
     *                     refused here, before any write of the onboarding
     */
    public ResolveService(EksClusters clusters, MeshSettings settings, Admission admission, String istioVersion) {
        this.clusters = clusters;
        this.settings = settings;
        this.requests = new OnboardRequests(settings.meshTagKey());
        this.admission = admission;
        this.istioVersion = istioVersion;
    }

    /** Only {@link #refresh}, the WaitActive loop's reading: the join policy and the version gate were Resolve's. */
    public static ResolveService forRefresh(EksClusters clusters, MeshSettings settings) {
        return new ResolveService(clusters, settings, null, null);
    }

    public Cluster resolve(JsonNode input) {
        if (admission == null) {
            throw new IllegalStateException("a ResolveService made for refresh() does not resolve");
        }
        OnboardRequest request = requests.read(input);
        if (istioVersion != null) {
            IstioReleasePolicy.refuseInstall(istioVersion, "Resolve");
        }
        String region = request.region() != null ? request.region() : settings.region();
        admission.checkAccount(request.meshId(), request.clusterName(), request.account(), region);
        // in the request's account: a member account's cluster is described through that account's member role
        String account = request.account() == null || request.account().equals(admission.hubAccount()) ? null
                : request.account();
        EksCluster eks = clusters.describe(account, region, request.clusterName())
                .orElseThrow(() -> new ClusterNotFound("There is no EKS cluster named '" + request.clusterName()
                        + "' in " + region + (account == null ? "" : " of account " + account)
                        + ". Check the name, the region and the account."));
        String meshName = MeshNames.of(admission.hubAccount(), EksNames.accountOf(eks.arn()), eks.region(), eks.name());
        Cluster cluster = toCluster(request, eks, meshName);
        admission.admit(cluster, eks.tags());
        Approval approval = admission.approval(cluster);
        LOG.info("resolved from {}: {} {} in {}, network {}, status {}, approval {}", request.source(),
                cluster.ipFamily().value(), cluster.clusterArn(), region, cluster.network(), cluster.status(), approval);
        return cluster.withApproval(approval);
    }

    /** The same checks on a cluster read again (the WaitActive loop), so a tag removed meanwhile still stops it. */
    public Cluster refresh(Cluster previous) {
        OnboardRequest request = new OnboardRequest(previous.clusterName(), previous.region(), previous.meshId(),
                null, "refresh", null);
        EksCluster eks = clusters.describe(previous.region(), previous.clusterName())
                .orElseThrow(() -> new ClusterNotFound("The EKS cluster '" + previous.clusterName() + "' in "
                        + previous.region() + " was deleted while mesh-onboarder waited for it."));
        return toCluster(request, eks, previous.clusterName());
    }

    /** @param meshName the cluster's name in the mesh ({@link MeshNames}), which every later step uses */
    private Cluster toCluster(OnboardRequest request, EksCluster eks, String meshName) {
        String meshTag = eks.tags().get(settings.meshTagKey());
        if (meshTag == null || meshTag.isBlank()) {
            throw new NotAMeshCluster("Cluster '" + eks.name() + "' has no '" + settings.meshTagKey()
                    + "' tag, so it is not onboarded. Tag it " + settings.meshTagKey() + "=<mesh id> to add it to a mesh.");
        }
        if (request.meshId() != null && !request.meshId().equals(meshTag)) {
            throw new MeshMismatch("Cluster '" + eks.name() + "' is tagged " + settings.meshTagKey() + "=" + meshTag
                    + ", not mesh '" + request.meshId() + "'. Change the tag or the input's meshId; a cluster is in one mesh only.");
        }
        String networkTag = eks.tags().get(settings.networkTagKey());
        if (request.network() != null && networkTag != null && !request.network().equals(networkTag)) {
            throw new MeshMismatch("Cluster '" + eks.name() + "' is tagged " + settings.networkTagKey() + "="
                    + networkTag + ", but the input asks for network '" + request.network()
                    + "'. Leave network out of the input or change the tag.");
        }
        if (DEAD.contains(eks.status())) {
            throw new ClusterNotActive("Cluster '" + eks.name() + "' is " + eks.status()
                    + " and can never join the mesh. Recreate it, then start onboarding again.");
        }
        if ("CONFIG_MAP".equals(eks.authenticationMode())) {
            throw AccessEntriesDisabled.of(eks.name(), eks.region());
        }
        String network = networkTag != null ? networkTag : request.network() != null ? request.network() : eks.vpcId();
        if (network == null) {
            throw new InvalidInput("Cluster '" + eks.name() + "' has no '" + settings.networkTagKey()
                    + "' tag and EKS reports no VPC for it; tag it " + settings.networkTagKey() + "=<network>.");
        }
        return new Cluster(meshName, eks.region(), meshTag, network, eks.arn(), eks.status(), eks.endpoint(),
                eks.ipFamily(), eks.vpcId(), eks.kubernetesVersion(), eks.authenticationMode(), eks.autoMode(),
                EksNames.accountOf(eks.arn()));
    }
}
