package meshonboarder.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.reconcile.ReconcilePlan;
import meshonboarder.reconcile.ReconcileTrigger;
import meshonboarder.settings.MeshSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DiscoverClusters}: the level-triggered way in. Lists the EKS clusters of every region the stack serves and
 * picks each one that carries the mesh tag and is no member: it is to be onboarded, unless an onboarding holds it
 * now, or its last onboarding failed less than the retry period ago with the same tags (then it is reported, with that
 * error, as not admitted). Events are hints; this finds the clusters whose events were lost, that were tagged before
 * the stack existed, or whose failure the user has since fixed. Reads only: the onboardings it names are started by
 * the state machine, and each takes its cluster's claim ({@code ClaimOnboarding}) before it writes anything. A run
 * for every mesh hands each mesh to a child execution ({@link Discovery#reconciles()}); a child lists nothing again
 * and returns the discovery its parent made of its mesh.
 */
public final class DiscoverClustersService {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoverClustersService.class);
    private static final Pattern MESH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    /** A tagged cluster out of its mesh this long raises the alarm (ClustersOutsideForADay). */
    static final Duration ALARM_AFTER = Duration.ofDays(1);

    private final EksClusters clusters;
    private final MeshMembers members;
    private final OnboardingRecords records;
    private final MeshSettings settings;
    private final Duration retryPeriod;

    public DiscoverClustersService(EksClusters clusters, MeshMembers members, OnboardingRecords records,
                                   MeshSettings settings, Duration retryPeriod) {
        this.clusters = clusters;
        this.members = members;
        this.records = records;
        this.settings = settings;
        this.retryPeriod = retryPeriod;
    }

    /** @param executionArn this run's: it names the child executions of a plan that fans out */
    public Discovery discover(ReconcilePlan plan, String executionArn, Instant now) {
        if (plan.discovery() != null) {
            return Discovery.carried(plan.discovery());
        }
        Discovery discovery = discover(plan, now);
        return plan.fanOut() ? discovery.fannedOut(executionArn) : discovery;
    }

    private Discovery discover(ReconcilePlan plan, Instant now) {
        if (!plan.trigger().discovers()) {
            // these runs repair one mesh's members; they do not look for new ones
            return Discovery.of(plan.meshes().stream().map(MeshDiscovery::none).toList(), 0);
        }
        Optional<String> onlyMesh = plan.trigger() == ReconcileTrigger.MANUAL
                ? plan.meshes().stream().findFirst() : Optional.empty();
        Set<String> memberKeys = new HashSet<>();
        for (String mesh : members.meshes()) {
            members.list(mesh).forEach(m -> memberKeys.add(key(m.region(), m.clusterName())));
        }
        Map<String, OnboardingRecord> byCluster = new TreeMap<>();
        records.list().forEach(r -> byCluster.put(key(r.region(), r.clusterName()), r));

        Map<String, MeshDiscovery.Builder> meshes = new TreeMap<>();
        plan.meshes().forEach(mesh -> meshes.put(mesh, new MeshDiscovery.Builder(mesh)));
        int described = 0;
        for (String region : settings.peerRegions()) {
            for (String name : clusters.list(region)) {
                if (memberKeys.contains(key(region, name))) {
                    continue;   // a member: CheckMembership reads it
                }
                Optional<EksCluster> eks = clusters.describe(region, name);
                described++;
                if (eks.isEmpty()) {
                    continue;   // deleted between the list and the describe
                }
                String mesh = eks.get().tags().get(settings.meshTagKey());
                if (mesh == null || mesh.isBlank() || onlyMesh.isPresent() && !onlyMesh.get().equals(mesh)) {
                    continue;
                }
                if (!MESH_ID.matcher(mesh).matches()) {
                    LOG.warn("cluster {} in {} is tagged {}={}, which is no mesh id: not started", name, region,
                            settings.meshTagKey(), mesh);
                    continue;
                }
                OnboardingRecord record = byCluster.get(key(region, name));
                meshes.computeIfAbsent(mesh, MeshDiscovery.Builder::new)
                        .add(new ClusterRef(name, region), record, TagsDigest.of(eks.get().tags()), now, retryPeriod);
            }
        }
        List<MeshDiscovery> result = new ArrayList<>();
        meshes.values().forEach(b -> result.add(b.build()));
        LOG.info("discovery: {} regions, {} clusters described, {} to onboard, {} not admitted",
                settings.peerRegions().size(), described,
                result.stream().mapToInt(m -> m.discovered().size()).sum(),
                result.stream().mapToInt(m -> m.notAdmitted().size()).sum());
        return Discovery.of(result, described);
    }

    private static String key(String region, String name) {
        return region + "/" + name;
    }

}
