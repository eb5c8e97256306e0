package meshonboarder.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import meshonboarder.errors.AccessDenied;
import meshonboarder.secrets.SecretStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.EncryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@link SecretStore} over Secrets Manager in the controller's region. New secrets are encrypted with
 * {@code kmsKeyId}, or with the AWS managed key {@code aws/secretsmanager} when it is null. Values never appear
 * in messages: the SDK redacts them from its own {@code toString}s, and errors here name the secret only.
 */
public final class AwsSecretStore implements SecretStore {

    private final AwsClients aws;
    private final String kmsKeyId;

    public AwsSecretStore(AwsClients aws, String kmsKeyId) {
        this.aws = aws;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public Optional<Metadata> describe(String name) {
        try {
            DescribeSecretResponse secret = client().describeSecret(r -> r.secretId(name));
            Map<String, String> tags = new HashMap<>();
            secret.tags().forEach(t -> tags.put(t.key(), t.value()));
            return Optional.of(new Metadata(secret.arn(), secret.name(), tags, secret.deletedDate()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw translate(e, "describing secret " + name);
        }
    }

    @Override
    public Optional<String> currentValue(String arn) {
        try {
            return Optional.ofNullable(client().getSecretValue(r -> r.secretId(arn)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty(); // the secret exists (we described it) but has no AWSCURRENT version
        } catch (SdkException e) {
            throw translate(e, "reading secret " + arn);
        }
    }

    @Override
    public Optional<String> create(String name, String value, Map<String, String> tags) {
        try {
            return Optional.of(client().createSecret(r -> r.name(name)
                    .secretString(value)
                    .kmsKeyId(kmsKeyId)
                    .description("Istio mesh CA, managed by mesh-onboarder")
                    .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                            .toList())).arn());
        } catch (ResourceExistsException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw translate(e, "creating secret " + name);
        }
    }

    @Override
    public void putValue(String arn, String value) {
        try {
            client().putSecretValue(r -> r.secretId(arn).secretString(value));
        } catch (SdkException e) {
            throw translate(e, "writing a new value to secret " + arn);
        }
    }

    @Override
    public void tag(String arn, Map<String, String> tags) {
        try {
            client().tagResource(r -> r.secretId(arn).tags(tags.entrySet().stream()
                    .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()));
        } catch (SdkException e) {
            throw translate(e, "tagging secret " + arn);
        }
    }

    @Override
    public void restore(String arn) {
        try {
            client().restoreSecret(r -> r.secretId(arn));
        } catch (SdkException e) {
            throw translate(e, "restoring secret " + arn);
        }
    }

    private SecretsManagerClient client() {
        return aws.secretsManager();
    }

    private static RuntimeException translate(SdkException e, String action) {
        if (e instanceof DecryptionFailureException || e instanceof EncryptionFailureException) {
            return new AccessDenied("Secrets Manager could not use the KMS key while " + action + ": check that "
                    + "CA_KMS_KEY_ID names an enabled key whose policy lets the function's role use it.", e);
        }
        return AwsErrors.translate(e, action);
    }
}
