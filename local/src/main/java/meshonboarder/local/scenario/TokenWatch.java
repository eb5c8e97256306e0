package meshonboarder.local.scenario;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import meshonboarder.local.standin.SimulatedCluster;

/**
 * Watches, while a run goes on, the token in every remote secret of the mesh: at each look, every holder's remote
 * secret of every subject must hold a token that the subject's API server accepts at that moment (the stand-in's
 * authenticator, as with {@code --service-account-lookup}). A look costs the stand-ins one LIST each, straight to
 * the mock server, so the runs' counted API requests are not disturbed.
 */
final class TokenWatch implements AutoCloseable {

    private static final long EVERY_MILLIS = 50;

    private final Map<String, SimulatedCluster> clusters;
    private final List<String> names;
    private final AtomicLong looks = new AtomicLong();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    TokenWatch(Map<String, SimulatedCluster> clusters, List<String> names) {
        this.clusters = clusters;
        this.names = List.copyOf(names);
        this.thread = new Thread(this::watch, "token-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many times every remote secret was looked at. */
    long looks() {
        return looks.get();
    }

    /** "holder holds subject" for every remote secret whose token was refused at some look. */
    Set<String> refused() {
        return Set.copyOf(refused);
    }

    /** The token in the holder's remote secret of the subject, or null when it holds none. */
    static String heldToken(SimulatedCluster holder, String subject) {
        for (Secret secret : holder.secrets("istio-system")) {
            if (secret.getMetadata().getName().equals("istio-remote-secret-" + subject) && secret.getData() != null
                    && secret.getData().containsKey(subject)) {
                String kubeconfig = new String(Base64.getDecoder().decode(secret.getData().get(subject)),
                        StandardCharsets.UTF_8);
                return KubeConfigUtils.parseConfigFromString(kubeconfig).getUsers().get(0).getUser().getToken();
            }
        }
        return null;
    }

    private void watch() {
        while (running) {
            List<String> bad = new ArrayList<>();
            for (String holder : names) {
                for (String subject : names) {
                    if (!holder.equals(subject)) {
                        String token = heldToken(clusters.get(holder), subject);
                        if (token == null || !clusters.get(subject).authenticates(token)) {
                            bad.add(holder + " holds " + subject);
                        }
                    }
                }
            }
            refused.addAll(bad);
            looks.incrementAndGet();
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
