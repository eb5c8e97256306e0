package meshonboarder.remote;

import java.util.Optional;
import meshonboarder.cluster.ApplyOutcome;

/**
 * Port: the members' {@code istio-system} as far as remote secrets go: each cluster's reader identity, and the
 * remote secrets it holds of the others. On Kubernetes, one client per connection.
 */
public interface RemoteSecretClusters {

    /** A connection to the cluster, for the calls of one step; the caller closes it. */
    Connection connect(String region, String clusterName);

    /** The same, to an API server already described: no second lookup of its endpoint and CA. */
    Connection connect(String region, String clusterName, ApiServer server);

    /**
     * Whether {@code e}, thrown by a {@link Connection}, is the API server's own refusal of a request that no
     * step error names (a missing namespace, an object it will not take), as opposed to a fault of mesh-onboarder:
     * a holder that refuses is reported and the others go on.
     */
    boolean refused(RuntimeException e);

    /** One cluster. Errors are named ({@code meshonboarder.errors}) where a step error fits. */
    interface Connection extends AutoCloseable {

        /**
         * Makes sure the cluster has its reader identity (the account, its read-only role and binding, a long-lived
         * token Secret): whatever exists is kept, and a create that loses a race reads the winner's.
         *
         * @param where the cluster, for logs and messages ("mesh1/eks-2")
         */
        ReaderState ensureReader(String where);

        /** Writes the subject's remote secret into this cluster; {@link ApplyOutcome#UNCHANGED} when it holds it. */
        ApplyOutcome writeRemoteSecret(ReaderKubeconfig subject);

        /** Deletes this cluster's remote secret of {@code subject}; {@link ApplyOutcome#ABSENT} when it holds none. */
        ApplyOutcome deleteRemoteSecret(String subject);

        /**
         * The Istio release this cluster's istiod runs: the chart version of its {@code istiod} Helm release, empty
         * when it has none (Istio installed otherwise). Read before a change that some releases mishandle.
         *
         * @param where the cluster, for messages ("mesh1/eks-2")
         */
        Optional<String> istiodVersion(String where);

        @Override
        void close();
    }
}
