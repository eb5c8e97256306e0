package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import meshonboarder.aws.SecretsManagerIntermediateCas.CaRecoveryWindow;
import meshonboarder.errors.InvalidInput;
import meshonboarder.remote.CaRetirement;
import meshonboarder.settings.Env;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/** Secrets Manager on a moto server, over real HTTP. */
class SecretsManagerIntermediateCasTest {

    private final AwsClients aws = MotoServer.aws();
    private final String mesh = MotoServer.unique("mesh");
    private final SecretsManagerIntermediateCas cas = new SecretsManagerIntermediateCas(aws, "istio-mesh",
            new CaRecoveryWindow(7));

    @Test
    void retire_whenTheCaExists_schedulesItsDeletionOnceAndSaysSoAgain() {
        String name = cas.secretName(mesh, "eks-1");
        aws.secretsManager().createSecret(r -> r.name(name).secretString("{}"));

        assertThat(cas.retire(mesh, "eks-1")).isEqualTo(CaRetirement.SCHEDULED_FOR_DELETION);
        assertThat(cas.retire(mesh, "eks-1")).isEqualTo(CaRetirement.SCHEDULED_FOR_DELETION);

        assertThat(name).isEqualTo("istio-mesh/" + mesh + "/clusters/eks-1/intermediate-ca");
        assertThat(aws.secretsManager().describeSecret(r -> r.secretId(name)).deletedDate()).isNotNull();
    }

    @Test
    void retire_whenTheMeshHasARoot_leavesTheRootAlone() {
        String root = "istio-mesh/" + mesh + "/root-ca";
        aws.secretsManager().createSecret(r -> r.name(root).secretString("{}"));
        aws.secretsManager().createSecret(r -> r.name(cas.secretName(mesh, "eks-1")).secretString("{}"));

        assertThat(cas.retire(mesh, "eks-1")).isEqualTo(CaRetirement.SCHEDULED_FOR_DELETION);

        assertThat(aws.secretsManager().describeSecret(r -> r.secretId(root)).deletedDate()).isNull();
    }

    @Test
    void retire_whenTheNameCouldAddAPathSegment_refusesBeforeCallingAws() {
        assertThatThrownBy(() -> cas.retire(mesh, "eks/../other")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("cannot name a CA secret");
    }

    @Test
    void retire_whenThereIsNoCa_isAbsent() {
        assertThat(cas.retire(mesh, "eks-never")).isEqualTo(CaRetirement.ABSENT);
    }

    @Test
    void recoveryWindow_whenOutsideSevenToThirtyDays_failsFast() {
        assertThat(CaRecoveryWindow.from(new Env(Map.of())).days()).isEqualTo(30);
        assertThatThrownBy(() -> CaRecoveryWindow.from(new Env(Map.of("CA_RECOVERY_WINDOW_DAYS", "3"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("between 7 and 30");
        assertThatThrownBy(() -> CaRecoveryWindow.from(new Env(Map.of("CA_RECOVERY_WINDOW_DAYS", "0"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("between 7 and 30");
    }
}
