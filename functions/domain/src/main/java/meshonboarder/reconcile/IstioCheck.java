package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.cluster.Cluster;
import meshonboarder.network.NetworkFacts;

/**
 * The output of {@code CheckIstio} ({@code $.istio}): each member's Istio releases against what the onboarding would
 * install today. Names and versions only.
 *
 * @param version    the template's {@code IstioVersion}
 * @param upgrades   the members to upgrade, in rollout order, one after the other
 * @param refused    members the rollout will not touch (a skipped minor, a downgrade), with the named error
 * @param unreadable members whose releases could not be read
 * @param deferred   members that drifted too, upgraded by the next run: a run upgrades at most
 *                   {@link ReconcileBounds#UPGRADES_PER_RUN}
 */
public record IstioCheck(String meshId, String version, int checked, List<Upgrade> upgrades, List<Refusal> refused,
                         List<RemoteSecretsCheck.Unreachable> unreadable, List<String> deferred) {

    public IstioCheck {
        upgrades = List.copyOf(upgrades);
        refused = List.copyOf(refused);
        unreadable = List.copyOf(unreadable);
        deferred = deferred == null ? List.of() : List.copyOf(deferred);
    }

    public IstioCheck(String meshId, String version, int checked, List<Upgrade> upgrades, List<Refusal> refused,
                      List<RemoteSecretsCheck.Unreachable> unreadable) {
        this(meshId, version, checked, upgrades, refused, unreadable, List.of());
    }

    /**
     * One item of the rollout: {@code cluster} and {@code network} are what the onboarding's InstallIstio reads (the
     * network holds the mesh's gateway address type and no peers: each member is upgraded in its own turn).
     *
     * @param from  the version istiod runs
     * @param drift one phrase per release that differs ("istiod 1.30.3 -> 1.31.0")
     */
    public record Upgrade(Cluster cluster, NetworkFacts network, String from, List<String> drift) {
    }

    public record Refusal(String clusterName, String error, String reason) {
    }
}
