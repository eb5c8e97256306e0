package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scanner behind {@link EnvironmentContractTest}, on small made-up sources. */
class EnvironmentReadsTest {

    private static final String ENV = """
            package app.settings;
            public final class Env {
                public static Env system() { return new Env(System.getenv()); }
            }
            """;

    @Test
    void readBy_whenLiteralOrConstantIsPassedToEnv_findsBoth() {
        var reads = EnvironmentReads.of(Map.of("Env", ENV, "Settings", """
                package app.settings;
                public record Settings(int a, String b) {
                    public static final String B = "SETTING_B";
                    public static final String C = "PARTITION";
                    public static Settings from(Env env) {
                        return new Settings(env.integer("SETTING_A", 1),
                                env.string(B, "x") + env.required(C));
                    }
                }
                """));

        assertThat(reads.readBy("app.settings.Settings")).containsExactly("PARTITION", "SETTING_A", "SETTING_B");
    }

    @Test
    void readBy_whenHelperIsGivenTheName_findsItInTheCaller() {
        var reads = EnvironmentReads.of(Map.of("Env", ENV, "Poll", """
                package app.wait;
                import app.settings.Env;
                public record Poll(int interval, int timeout) {
                    public static Poll from(Env env, String timeoutVariable, int seconds) {
                        return new Poll(env.integer("POLL_INTERVAL", 15), env.integer(timeoutVariable, seconds));
                    }
                }
                """, "WaitHandler", """
                package app.handlers;
                import app.wait.Poll;
                public final class WaitHandler {
                    private final Poll poll = Poll.from(wiring.env(), "WAIT_TIMEOUT_SECONDS", 900);
                }
                """));

        assertThat(reads.readBy("app.handlers.WaitHandler")).containsExactly("POLL_INTERVAL", "WAIT_TIMEOUT_SECONDS");
    }

    @Test
    void readBy_whenUpperCaseStringsAreNotEnvironmentReads_ignoresThem() {
        var reads = EnvironmentReads.of(Map.of("Values", """
                package app.istio;
                final class Values {
                    private static final String V6 = "ENABLE_V6_EGRESS";
                    Map<String, Object> istiod() {
                        return Map.of("env", Map.of("AUTO_RELOAD_PLUGIN_CERTS", "true"));  // "env" is a string here
                    }
                    boolean failed(String status) { return "UPDATE_FAILED".equals(status) || V6.isEmpty(); }
                }
                """));

        assertThat(reads.readBy("app.istio.Values")).isEmpty();
    }

    @Test
    void readBy_whenClassIsOnlyInACommentOrString_doesNotReachIt() {
        var reads = EnvironmentReads.of(Map.of("Env", ENV, "Handler", """
                package app.handlers;
                /** Unlike {@link app.settings.Settings}, reads nothing. */
                final class Handler {
                    String name() { return "Settings"; } // Settings
                }
                """, "Settings", """
                package app.handlers;
                record Settings(int a) {
                    static Settings from(Env env) { return new Settings(env.integer("SETTING_A", 1)); }
                }
                """));

        assertThat(reads.reachedFrom("app.handlers.Handler")).containsExactly("app.handlers.Handler");
        assertThat(reads.readBy("app.handlers.Handler")).isEmpty();
    }

    @Test
    void reachedFrom_whenTwoPackagesHaveTheSameSimpleName_followsTheImport() {
        var reads = EnvironmentReads.of(Map.of("Env", ENV, "Handler", """
                package app.handlers;
                import app.helm.Kubeconfig;
                final class Handler { Kubeconfig k; }
                """, "Kubeconfig", """
                package app.helm;
                final class Kubeconfig { String role(Env env) { return env.required("HELM_ONLY"); } }
                """, "app/remote/Kubeconfig", """
                package app.remote;
                final class Kubeconfig { String role(Env env) { return env.required("REMOTE_ONLY"); } }
                """));

        assertThat(reads.readBy("app.handlers.Handler")).containsExactly("HELM_ONLY");
    }

    @Test
    void reachedFrom_whenNestedClassIsImportedOrNamedInFull_reachesItsFile() {
        var reads = EnvironmentReads.of(Map.of("Env", ENV, "Handler", """
                package app.handlers;
                import app.aws.Cas.Window;
                final class Handler { Window w = Window.from(null); Object e = new app.errors.Bad(); }
                """, "Cas", """
                package app.aws;
                final class Cas {
                    record Window(int days) {
                        static final String VARIABLE = "RECOVERY_DAYS";
                        static Window from(Env env) { return new Window(env.integer(VARIABLE, 30)); }
                    }
                }
                """, "Bad", """
                package app.errors;
                final class Bad extends RuntimeException { }
                """));

        assertThat(reads.reachedFrom("app.handlers.Handler"))
                .containsExactlyInAnyOrder("app.handlers.Handler", "app.aws.Cas", "app.errors.Bad");
        assertThat(reads.readBy("app.handlers.Handler")).containsExactly("RECOVERY_DAYS");
    }
}
