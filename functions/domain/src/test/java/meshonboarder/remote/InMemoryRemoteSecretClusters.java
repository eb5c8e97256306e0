package meshonboarder.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.ClusterNotFound;

/**
 * The members' {@code istio-system} in memory, as the Kubernetes adapter behaves: the reader identity is created on
 * the first look and its token stays unfilled until {@link #fill}; a remote secret is CREATED, UPDATED when it held
 * another kubeconfig, UNCHANGED otherwise. A cluster can be made to fail every connection or every write. What
 * happens is recorded, in order: connections, reader looks and writes.
 */
public final class InMemoryRemoteSecretClusters implements RemoteSecretClusters {

    /** An API error no step error names, as the adapter reports it. */
    public static final class Refusal extends RuntimeException {
        public Refusal(String message) {
            super(message);
        }
    }

    /** One cluster's {@code istio-system}. */
    public static final class Side {
        private boolean readerExists;
        private ReaderToken token;
        private final Map<String, ReaderKubeconfig> held = new LinkedHashMap<>();
        private RuntimeException connectFails;
        private RuntimeException writeFails;
        private String istiodVersion;

        /** The Istio release its istiod runs, as its Helm release says; null: none. */
        public Side istiod(String version) {
            this.istiodVersion = version;
            return this;
        }

        /** The kubeconfig it holds of {@code subject}, or null. */
        public ReaderKubeconfig held(String subject) {
            return held.get(subject);
        }

        public Map<String, ReaderKubeconfig> held() {
            return Map.copyOf(held);
        }

        public boolean readerExists() {
            return readerExists;
        }

        public ReaderToken token() {
            return token;
        }
    }

    public static final String TOKEN_SECRET = "istio-reader-service-account-istio-remote-secret-token";

    /** "connect eks-a", "connect eks-a to https://eks-a.example", "reader eks-a", "write eks-b into eks-a: CREATED". */
    public final List<String> log = new ArrayList<>();
    private final Map<String, Side> sides = new LinkedHashMap<>();

    public Side add(String clusterName) {
        return sides.computeIfAbsent(clusterName, n -> new Side());
    }

    public Side side(String clusterName) {
        return sides.get(clusterName);
    }

    /** The token controller fills the reader's token (again: a new token, as after a rotation). */
    public void fill(String clusterName) {
        Side side = add(clusterName);
        side.token = ReaderToken.of("token-of-" + clusterName + "-" + log.size());
    }

    /** The reader identity exists and its token is filled. */
    public void readerReady(String clusterName) {
        add(clusterName).readerExists = true;
        fill(clusterName);
    }

    public void failConnections(String clusterName, RuntimeException e) {
        add(clusterName).connectFails = e;
    }

    public void failWrites(String clusterName, RuntimeException e) {
        add(clusterName).writeFails = e;
    }

    /** Puts a remote secret of {@code subject} into {@code holder}, as an earlier exchange left it. */
    public void holds(String holder, String subject) {
        add(holder).held.put(subject, new ReaderKubeconfig(subject, null, null));
    }

    /** The lines of the log that are writes. */
    public List<String> writes() {
        return log.stream().filter(l -> l.startsWith("write ")).toList();
    }

    @Override
    public Connection connect(String region, String clusterName) {
        log.add("connect " + clusterName);
        return connection(clusterName);
    }

    @Override
    public Connection connect(String region, String clusterName, ApiServer server) {
        log.add("connect " + clusterName + " to " + server.endpoint());
        return connection(clusterName);
    }

    @Override
    public boolean refused(RuntimeException e) {
        return e instanceof Refusal;
    }

    private Connection connection(String clusterName) {
        Side side = sides.get(clusterName);
        if (side == null) {
            throw new ClusterNotFound("no cluster '" + clusterName + "' in this test");
        }
        if (side.connectFails != null) {
            throw side.connectFails;
        }
        return new Connection() {
            @Override
            public ReaderState ensureReader(String where) {
                log.add("reader " + clusterName);
                boolean created = !side.readerExists;
                side.readerExists = true;
                return new ReaderState(TOKEN_SECRET, created, side.token);
            }

            @Override
            public ApplyOutcome writeRemoteSecret(ReaderKubeconfig subject) {
                if (side.writeFails != null) {
                    throw side.writeFails;
                }
                ReaderKubeconfig before = side.held.put(subject.clusterName(), subject);
                ApplyOutcome outcome = before == null ? ApplyOutcome.CREATED
                        : before.equals(subject) ? ApplyOutcome.UNCHANGED : ApplyOutcome.UPDATED;
                log.add("write " + subject.clusterName() + " into " + clusterName + ": " + outcome);
                return outcome;
            }

            @Override
            public ApplyOutcome deleteRemoteSecret(String subject) {
                if (side.writeFails != null) {
                    throw side.writeFails;
                }
                ApplyOutcome outcome = side.held.remove(subject) != null ? ApplyOutcome.DELETED : ApplyOutcome.ABSENT;
                log.add("delete " + subject + " from " + clusterName + ": " + outcome);
                return outcome;
            }

            @Override
            public Optional<String> istiodVersion(String where) {
                return Optional.ofNullable(side.istiodVersion);
            }

            @Override
            public void close() {
                // nothing held open
            }
        };
    }
}
