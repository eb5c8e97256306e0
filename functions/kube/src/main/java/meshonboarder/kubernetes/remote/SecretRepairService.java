package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.errors.Transient;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.Kubeconfig;
import meshonboarder.kubernetes.ReaderToken;
import meshonboarder.kubernetes.SecretOperator;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.SecretRepair;
import meshonboarder.reconcile.SecretRepairResult;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RepairRemoteSecrets}, for one subject: its remote secret rewritten in every holder the check found broken,
 * with the subject's endpoint, CA and reader token read once. The same secret {@link ExchangeService} writes, one
 * direction, many holders. A subject that cannot be read fails the call, and so does a holder that is briefly
 * unreachable once the others are written ({@code Transient}: the state machine retries, and the holders written
 * already are no-ops); a holder that refuses is reported and the other holders go on.
 */
public final class SecretRepairService {

    private static final Logger LOG = LoggerFactory.getLogger(SecretRepairService.class);

    private final ClusterConnector connector;
    private final ApiServers apiServers;
    private final ReaderIdentity reader;
    private final SecretOperator secrets;
    private final ExchangeSettings settings;

    public SecretRepairService(ClusterConnector connector, ApiServers apiServers, ReaderIdentity reader,
                               SecretOperator secrets, ExchangeSettings settings) {
        this.connector = connector;
        this.apiServers = apiServers;
        this.reader = reader;
        this.secrets = secrets;
        this.settings = settings;
    }

    /** @param members the mesh's members ({@code $.membership.members}): where each holder is */
    public SecretRepairResult repair(SecretRepair repair, List<Member> members) {
        Member subject = repair.subject();
        Map<String, Member> byName = members.stream().collect(Collectors.toMap(Member::clusterName,
                Function.identity(), (a, b) -> a));
        List<String> unknown = repair.holders().stream().filter(h -> !byName.containsKey(h)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInput("Holders " + unknown + " of the remote secret of '" + subject.clusterName()
                    + "' are not members of mesh " + subject.meshId() + "; pass $.membership.members as members.");
        }
        if (repair.holders().isEmpty()) {
            return new SecretRepairResult(subject.clusterName(), List.of()); // nothing broken: nothing to read or write
        }
        String ref = subject.meshId() + "/" + subject.clusterName();
        ApiServer server = ExchangeService.reachable(settings, subject.clusterName(),
                apiServers.describe(subject.region(), subject.clusterName()), repair.holders().get(0));
        ReaderToken token;
        try (KubernetesClient client = connector.connect(subject.region(), subject.clusterName())) {
            token = reader.token(client, ref);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "reading the reader token of cluster '" + subject.clusterName() + "'");
        }
        String kubeconfig = Kubeconfig.withBearerToken(subject.clusterName(), server, token);

        Map<String, RuntimeException> errors = new LinkedHashMap<>();
        for (String holder : repair.holders()) {
            Member h = byName.get(holder);
            try (KubernetesClient client = connector.connect(h.region(), h.clusterName())) {
                ApplyOutcome outcome = secrets.apply(client, h.clusterName(), RemoteSecret.of(subject.clusterName(),
                        kubeconfig));
                LOG.info("{} into {}: {}", RemoteSecret.name(subject.clusterName()), holder, outcome);
            } catch (KubernetesClientException e) {
                errors.put(holder, KubernetesErrors.translate(e, "writing " + RemoteSecret.name(subject.clusterName())
                        + " into cluster '" + holder + "'"));
            } catch (MeshOnboarderError e) {
                errors.put(holder, e);
            }
        }
        errors.forEach((holder, e) -> LOG.warn("holder {} not written: {}", holder, e.getMessage()));
        List<String> busy = errors.entrySet().stream().filter(e -> e.getValue() instanceof Transient)
                .map(Map.Entry::getKey).toList();
        if (!busy.isEmpty()) {
            // the state machine's Retry waits and calls again: the holders written already come back UNCHANGED
            throw new Transient("The remote secret of '" + subject.clusterName() + "' could not be written into "
                    + busy + " yet (" + reason(errors.get(busy.get(0))) + "); the other holders have it.");
        }
        return new SecretRepairResult(subject.clusterName(), errors.entrySet().stream()
                .map(e -> new SecretRepairResult.Failure(e.getKey(), reason(e.getValue()))).toList());
    }

    private static String reason(RuntimeException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
