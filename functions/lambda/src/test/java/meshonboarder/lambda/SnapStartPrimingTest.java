package meshonboarder.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import meshonboarder.errors.Transient;
import meshonboarder.testing.Priming;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming, on probe handlers: a copy wired with {@code priming()} of its constructor's argument type handles
 * the made-up input, the wiring is closed before the snapshot, and whatever the step does, priming logs how far it
 * went and never throws (a snapshot must be taken).
 */
class SnapStartPrimingTest {

    /** What each probe wiring saw: built for priming, handled a cluster, closed. */
    static final List<String> EVENTS = new ArrayList<>();

    /** Stands for {@code Wiring}: a static {@code priming()}, closed after priming. */
    public record ProbeWiring(boolean failing) implements AutoCloseable {

        public static ProbeWiring priming() {
            EVENTS.add("wired for priming");
            return new ProbeWiring(false);
        }

        @Override
        public void close() {
            EVENTS.add("closed");
        }
    }

    /** Reads the cluster of the made-up onboarding state (priming-input.json). */
    public static final class ProbeHandler extends StepHandler<ProbeHandler.Input, String> {

        record Input(@Required("the output of Resolve") JsonNode cluster) {
        }

        private final ProbeWiring wiring;

        public ProbeHandler() {
            this(new ProbeWiring(true));
        }

        public ProbeHandler(ProbeWiring wiring) {
            super(Input.class);
            this.wiring = wiring;
        }

        @Override
        protected String handle(Input input) {
            if (wiring.failing()) {
                throw new IllegalStateException("the handler Lambda built, not priming's copy, was called");
            }
            EVENTS.add("handled " + input.cluster().path("clusterName").asText());
            return "ok";
        }
    }

    /** Its step stops where the priming answers give it nothing to go on. */
    public static final class StoppingHandler extends StepHandler<StoppingHandler.Input, String> {

        record Input(JsonNode cluster) {
        }

        public StoppingHandler(ProbeWiring wiring) {
            super(Input.class);
        }

        @Override
        protected String handle(Input input) {
            throw new Transient("no token yet");
        }
    }

    /** A step wired some other way: priming cannot build a copy of it. */
    public static final class UnwiredHandler extends StepHandler<UnwiredHandler.Input, String> {

        record Input(JsonNode cluster) {
        }

        public UnwiredHandler() {
            super(Input.class);
        }

        @Override
        protected String handle(Input input) {
            return "never";
        }
    }

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    void beforeCheckpoint_whenTheStepRunsThrough_handlesTheMadeUpStateOnACopyAndClosesItsWiring() {
        String log = Priming.log(new ProbeHandler());

        assertThat(log).contains("Probe primed in").contains("(ran through)");
        assertThat(EVENTS).containsExactly("wired for priming", "handled priming", "closed");
    }

    @Test
    void beforeCheckpoint_whenTheStepStops_logsWhereAndClosesItsWiring() {
        String log = Priming.log(new StoppingHandler(new ProbeWiring(true)));

        assertThat(log).contains("Stopping primed in").contains("(stopped at Transient in SnapStartPrimingTest$"
                + "StoppingHandler.handle:");
        assertThat(EVENTS).containsExactly("wired for priming", "closed");
    }

    @Test
    void beforeCheckpoint_whenNoConstructorTakesAWiring_logsItAndDoesNotThrow() {
        assertThat(Priming.log(new UnwiredHandler())).contains("Unwired primed in")
                .contains("(stopped at NoSuchMethodException");
        assertThat(EVENTS).isEmpty();
    }
}
