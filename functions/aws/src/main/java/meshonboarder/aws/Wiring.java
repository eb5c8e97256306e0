package meshonboarder.aws;

import java.net.URI;
import meshonboarder.settings.Env;
import meshonboarder.settings.MeshSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a handler is built from: its environment and its AWS clients. Lambda uses {@link #fromEnvironment()};
 * tests and the local runner build one that points at their stand-ins. Kubernetes access is wired
 * separately (only the functions that talk to clusters carry the Kubernetes client).
 */
public record Wiring(Env env, AwsClients aws) {

    /**
     * The function's real environment. {@code AWS_ENDPOINT_URL}, the SDK's standard override, sends every
     * call to one endpoint (used by the local runner's out-of-process runs).
     */
    public static Wiring fromEnvironment() {
        return of(Env.system(), null);
    }

    public static Wiring of(Env env, AwsCredentialsProvider credentials) {
        URI endpoint = env.optional("AWS_ENDPOINT_URL").map(URI::create).orElse(null);
        return new Wiring(env, new AwsClients(env.required("AWS_REGION"), endpoint, credentials));
    }

    /** The function's environment with priming clients ({@link AwsClients#priming}): for SnapStart priming. */
    public static Wiring priming() {
        Env env = Env.system();
        return new Wiring(env, AwsClients.priming(env.required("AWS_REGION")));
    }

    public MeshSettings mesh() {
        return MeshSettings.from(env);
    }
}
