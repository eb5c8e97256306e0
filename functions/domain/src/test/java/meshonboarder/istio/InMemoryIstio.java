package meshonboarder.istio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.ApplyOutcome;

/**
 * {@link IstioClusters} in memory, for the Istio services' tests: per cluster, the namespace's network label, the
 * cross-network Gateway and cacerts (each mesh-onboarder's or someone else's), and Helm's releases. Every write is
 * recorded ("eks-1: install istiod 1.30.4"), so that a test can see that a re-run writes nothing; every open must be
 * closed.
 */
final class InMemoryIstio implements IstioClusters {

    /** Who made an object: mesh-onboarder (its managed-by label) or someone else. */
    enum Owner { MESH_ONBOARDER, SOMEONE_ELSE }

    /** One cluster's state. */
    static final class State {
        String networkLabel;
        Owner gateway;
        Owner cacerts;
        final Map<String, DeployedRelease> releases = new HashMap<>();
        /** Thrown by every open: the cluster cannot be reached. */
        RuntimeException unreachable;
    }

    final Map<String, State> clusters = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    int open;

    State cluster(String name) {
        return clusters.computeIfAbsent(name, n -> new State());
    }

    @Override
    public IstioCluster open(String region, String clusterName) {
        State state = cluster(clusterName);
        if (state.unreachable != null) {
            throw state.unreachable;
        }
        open++;
        return new IstioCluster() {
            @Override
            public ApplyOutcome labelNamespace(String network) {
                if (network.equals(state.networkLabel)) {
                    return ApplyOutcome.UNCHANGED;
                }
                ApplyOutcome outcome = state.networkLabel == null ? ApplyOutcome.CREATED : ApplyOutcome.UPDATED;
                state.networkLabel = network;
                writes.add(clusterName + ": namespace label " + network);
                return outcome;
            }

            @Override
            public ApplyOutcome applyCrossNetworkGateway() {
                if (state.gateway != null) {
                    return ApplyOutcome.UNCHANGED;
                }
                state.gateway = Owner.MESH_ONBOARDER;
                writes.add(clusterName + ": gateway");
                return ApplyOutcome.CREATED;
            }

            @Override
            public ApplyOutcome deleteCrossNetworkGateway() {
                if (state.gateway != Owner.MESH_ONBOARDER) {
                    return ApplyOutcome.ABSENT;
                }
                state.gateway = null;
                writes.add(clusterName + ": delete gateway");
                return ApplyOutcome.DELETED;
            }

            @Override
            public ApplyOutcome deleteCacerts() {
                if (state.cacerts != Owner.MESH_ONBOARDER) {
                    return ApplyOutcome.ABSENT;
                }
                state.cacerts = null;
                writes.add(clusterName + ": delete cacerts");
                return ApplyOutcome.DELETED;
            }

            @Override
            public HelmReleases releases() {
                return new Helm(clusterName, state);
            }

            @Override
            public void close() {
                open--;
            }
        };
    }

    /** Helm on one in-memory cluster: a release is its latest revision. */
    private final class Helm implements HelmReleases {

        private final String cluster;
        private final State state;

        Helm(String cluster, State state) {
            this.cluster = cluster;
            this.state = state;
        }

        @Override
        public Optional<DeployedRelease> find(String namespace, String release) {
            return Optional.ofNullable(state.releases.get(release));
        }

        @Override
        public void install(ReleaseRequest request) {
            write("install", request, 1);
        }

        @Override
        public void upgrade(ReleaseRequest request) {
            write("upgrade", request, state.releases.get(request.release()).revision() + 1);
        }

        @Override
        public void uninstall(String namespace, String release) {
            state.releases.remove(release);
            writes.add(cluster + ": uninstall " + release);
        }

        private void write(String what, ReleaseRequest request, int revision) {
            state.releases.put(request.release(), new DeployedRelease(request.release(), request.namespace(),
                    "deployed", request.chart(), revision, request.values()));
            writes.add(cluster + ": " + what + " " + request.release() + " " + request.chart().version());
        }
    }
}
