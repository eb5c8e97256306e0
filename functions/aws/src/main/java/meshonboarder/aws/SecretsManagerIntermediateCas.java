package meshonboarder.aws;

import java.util.Locale;
import meshonboarder.errors.InvalidInput;
import meshonboarder.remote.CaRetirement;
import meshonboarder.remote.IntermediateCas;
import meshonboarder.secrets.CaSecretNames;
import meshonboarder.settings.Env;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@link IntermediateCas} in Secrets Manager, named by {@link CaSecretNames} (docs/design.md, "Names": its checks
 * refuse a mesh id or cluster name that could reach another secret). Retiring schedules the deletion with a
 * recovery window, never deletes at once: a cluster offboarded by mistake can get its CA back with
 * {@code aws secretsmanager restore-secret}. Needs {@code secretsmanager:DescribeSecret} and
 * {@code secretsmanager:DeleteSecret}; never reads the key.
 */
public final class SecretsManagerIntermediateCas implements IntermediateCas {

    private final AwsClients aws;
    private final CaSecretNames names;
    private final int recoveryWindowDays;

    public SecretsManagerIntermediateCas(AwsClients aws, String prefix, CaRecoveryWindow window) {
        this.aws = aws;
        this.names = new CaSecretNames(prefix);
        this.recoveryWindowDays = window.days();
    }

    public String secretName(String meshId, String clusterName) {
        return names.intermediate(meshId, clusterName);
    }

    @Override
    public CaRetirement retire(String meshId, String clusterName) {
        String name = secretName(meshId, clusterName);
        try {
            DescribeSecretResponse secret = aws.secretsManager().describeSecret(r -> r.secretId(name));
            if (secret.deletedDate() != null) {
                return CaRetirement.SCHEDULED_FOR_DELETION; // an earlier run scheduled it
            }
            aws.secretsManager().deleteSecret(r -> r.secretId(name).recoveryWindowInDays((long) recoveryWindowDays));
            return CaRetirement.SCHEDULED_FOR_DELETION;
        } catch (ResourceNotFoundException e) {
            return CaRetirement.ABSENT;
        } catch (InvalidRequestException e) {
            if (markedDeleted(e)) {
                return CaRetirement.SCHEDULED_FOR_DELETION; // a concurrent run scheduled it after our describe
            }
            throw AwsErrors.translate(e, "scheduling the deletion of secret " + name);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "scheduling the deletion of secret " + name);
        }
    }

    // Secrets Manager: "You can't perform this operation on the secret because it was marked for deletion."
    private static boolean markedDeleted(InvalidRequestException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("marked") && message.contains("delet");
    }

    /** {@code CA_RECOVERY_WINDOW_DAYS}: 7 to 30 days, as Secrets Manager allows; default 30. */
    public record CaRecoveryWindow(int days) {

        public static final String VARIABLE = "CA_RECOVERY_WINDOW_DAYS";

        public CaRecoveryWindow {
            if (days < 7 || days > 30) {
                throw new InvalidInput("The environment variable " + VARIABLE
                        + " must be between 7 and 30 (days), not " + days + ".");
            }
        }

        public static CaRecoveryWindow from(Env env) {
            return new CaRecoveryWindow(env.integer(VARIABLE, 30));
        }
    }
}
