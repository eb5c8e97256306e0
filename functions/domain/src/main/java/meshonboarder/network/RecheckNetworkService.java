package meshonboarder.network;

import meshonboarder.cluster.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RecheckNetwork}: GatherNetwork again, after RegisterMember. Of two clusters onboarding at once, the one that
 * rechecks second sees the other whatever the timing; when the mesh's gateways must follow it (the mesh became
 * mixed, or a dualstack mesh gained a member), the onboarding starts again from GatherNetwork, so that InstallIstio
 * follows the mesh before any peer is listed (docs/interop.md, clusters that onboard at the same moment).
 */
public final class RecheckNetworkService {

    private static final Logger LOG = LoggerFactory.getLogger(RecheckNetworkService.class);

    private final GatherNetworkService gather;

    public RecheckNetworkService(GatherNetworkService gather) {
        this.gather = gather;
    }

    /** @param gathered the onboarding's facts so far ({@code $.network}) */
    public NetworkRecheck recheck(Cluster cluster, NetworkFacts gathered) {
        String now = gather.gather(cluster, gathered).gateways();
        NetworkChange change = now.equals(gathered.gateways()) ? NetworkChange.UNCHANGED : NetworkChange.CHANGED;
        LOG.info("gateways {} ({}; gathered: {})", now, change, gathered.gateways());
        return new NetworkRecheck(now, change);
    }
}
