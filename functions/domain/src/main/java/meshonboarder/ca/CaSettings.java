package meshonboarder.ca;

import java.time.Duration;
import meshonboarder.errors.InvalidInput;
import meshonboarder.settings.Env;

/**
 * How the mesh PKI is run, from the template's parameters. Read once; a bad value fails the first invocation
 * with a message naming the variable.
 *
 * @param kmsKeyId                 KMS key that encrypts new CA secrets ({@code CA_KMS_KEY_ID}); null means the
 *                                 AWS managed key {@code aws/secretsmanager}
 * @param keyAlgorithm             key type of generated CAs ({@code CA_KEY_ALGORITHM})
 * @param rootValidityDays         lifetime of a generated root ({@code ROOT_CA_VALIDITY_DAYS})
 * @param intermediateValidityDays lifetime of an intermediate ({@code INTERMEDIATE_CA_VALIDITY_DAYS})
 * @param renewBeforeDays          an intermediate expiring within this many days is re-issued
 *                                 ({@code INTERMEDIATE_CA_RENEW_BEFORE_DAYS})
 */
public record CaSettings(String kmsKeyId, KeyAlgorithm keyAlgorithm, int rootValidityDays,
                         int intermediateValidityDays, int renewBeforeDays) {

    public CaSettings {
        atLeast("ROOT_CA_VALIDITY_DAYS", rootValidityDays, 1);
        atLeast("INTERMEDIATE_CA_VALIDITY_DAYS", intermediateValidityDays, 1);
        atLeast("INTERMEDIATE_CA_RENEW_BEFORE_DAYS", renewBeforeDays, 0);
        if (renewBeforeDays >= intermediateValidityDays) {
            // Every intermediate would be due for renewal the moment it is issued: a new one on every run.
            throw new InvalidInput("INTERMEDIATE_CA_RENEW_BEFORE_DAYS (" + renewBeforeDays + ") must be less than "
                    + "INTERMEDIATE_CA_VALIDITY_DAYS (" + intermediateValidityDays + ").");
        }
    }

    public static CaSettings from(Env env) {
        return new CaSettings(
                env.optional("CA_KMS_KEY_ID").orElse(null),
                KeyAlgorithm.of(env.string("CA_KEY_ALGORITHM", KeyAlgorithm.RSA_4096.name())),
                env.integer("ROOT_CA_VALIDITY_DAYS", 3650),
                env.integer("INTERMEDIATE_CA_VALIDITY_DAYS", 730),
                env.integer("INTERMEDIATE_CA_RENEW_BEFORE_DAYS", 30));
    }

    public Duration rootValidity() {
        return Duration.ofDays(rootValidityDays);
    }

    public Duration intermediateValidity() {
        return Duration.ofDays(intermediateValidityDays);
    }

    public Duration renewBefore() {
        return Duration.ofDays(renewBeforeDays);
    }

    private static void atLeast(String variable, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidInput("The environment variable " + variable + " must be at least " + minimum
                    + ", not " + value + ".");
        }
    }
}
