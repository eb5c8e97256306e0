package meshonboarder.local.scenario;

import java.util.List;

/**
 * eks-1 to eks-6 (IPv4 and IPv6) are created at the same moment into an empty mesh: nobody is a member yet, so all
 * six race for the mesh's root CA and register while the others list (docs/local-runner.md, "The crowd scenario").
 */
final class CrowdScenario extends Scenario {

    CrowdScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        List<String> crowd = List.copyOf(stage.clusters().keySet());
        crowd.forEach(drive::createInEks);
        out.println(String.join(", ", crowd) + " are created at the same moment into an empty mesh:");
        drive.onboardAtOnce(crowd, Drivers.LIMIT);
        String[] names = crowd.toArray(String[]::new);
        expect.fullMesh(names);
        // whatever the interleaving, RecheckNetwork leaves no ipv4 gateway in the mixed mesh
        expect.gateways("dualstack", names);
        expect.consistentReadsOnly();
        long pairs = crowd.stream().mapToLong(c -> Summary.remoteSecrets(cluster(c)).size()).sum();
        expect.that(pairs == (long) crowd.size() * (crowd.size() - 1), "the remote secrets are the "
                + crowd.size() * (crowd.size() - 1) + " ordered pairs of members, no more (found " + pairs + ")");
        long roots = controller.aws().secretsManager().listSecretsPaginator(r -> { }).stream()
                .flatMap(page -> page.secretList().stream())
                .filter(x -> x.name().endsWith("/root-ca")).count();
        expect.that(roots == 1, "Secrets Manager holds one root CA (found " + roots + ")");
        expect.noSecretsInState();
    }
}
