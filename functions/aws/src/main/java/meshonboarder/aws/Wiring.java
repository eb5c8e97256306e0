package meshonboarder.aws;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import meshonboarder.settings.Env;
import meshonboarder.settings.MeshSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a handler is built from: its environment and its AWS clients. Lambda uses {@link #fromEnvironment()};
 * tests and the local runner build one that points at their stand-ins. Kubernetes access is wired
 * separately (only the functions that talk to clusters carry the Kubernetes client).
 */
public record Wiring(Env env, AwsClients aws) implements AutoCloseable {

    /**
     * The function's real environment. {@code AWS_ENDPOINT_URL}, the SDK's standard override, sends every
     * call to one endpoint (used by the local runner's out-of-process runs).
     */
    public static Wiring fromEnvironment() {
        return of(Env.system(), null);
    }

    public static Wiring of(Env env, AwsCredentialsProvider credentials) {
        URI endpoint = env.optional("AWS_ENDPOINT_URL").map(URI::create).orElse(null);
        return new Wiring(env, new AwsClients(env.required("AWS_REGION"), endpoint, credentials)
                .memberRoleName(env.string("MEMBER_ROLE_NAME", AwsClients.DEFAULT_MEMBER_ROLE_NAME)));
    }

    /** The function's environment with priming clients ({@link AwsClients#priming}): for SnapStart priming. */
    public static Wiring priming() {
        Map<String, String> variables = new HashMap<>(System.getenv());
        // Priming issues throw-away CAs: an EC key pair takes milliseconds where an RSA 4096 one can take tens of
        // seconds, and SnapStart's init, priming included, must end within 130 s or the function's timeout.
        variables.put("CA_KEY_ALGORITHM", "ECDSA_P256");
        // The priming answers are those of account 000000000000 (priming-describe-cluster.json): as the hub's, its
        // cluster passes Resolve's default join policy and priming runs Resolve's whole path.
        variables.put("HUB_ACCOUNT_ID", "000000000000");
        Env env = new Env(variables);
        return new Wiring(env, AwsClients.priming(env.required("AWS_REGION")));
    }

    /** Closes the AWS clients: SnapStart priming closes its wiring before the snapshot. */
    @Override
    public void close() {
        aws.close();
    }

    public MeshSettings mesh() {
        return MeshSettings.from(env);
    }
}
