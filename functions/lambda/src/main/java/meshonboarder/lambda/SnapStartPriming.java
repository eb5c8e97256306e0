package meshonboarder.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import meshonboarder.json.Json;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: runs a step's request path once without side effects before the snapshot, so that SnapStart
 * snapshots its classes loaded and its Jackson (de)serializers built. A copy of the handler, wired to priming AWS
 * clients that answer in-process with made-up credentials ({@code Wiring.priming()}), and for the Kubernetes steps to
 * an empty API server on the loopback, handles a made-up input (priming-input.json) and writes its output. A step may
 * stop early on an answer it cannot use: that is expected and logged, never thrown. Nothing leaves the process, and
 * nothing time-bound (credentials, tokens, connections, the API server) is kept: the wiring is closed before the
 * snapshot (docs/operations.md, SnapStart priming).
 */
final class SnapStartPriming {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    // set while priming builds its copy of a handler: the copy is not registered for a checkpoint of its own
    private static final ThreadLocal<Boolean> BUILDING_COPY = ThreadLocal.withInitial(() -> false);

    private SnapStartPriming() {
    }

    /** Registers the handler for the checkpoint, unless it is priming's own copy. */
    static void register(StepHandler<?, ?> handler) {
        if (!BUILDING_COPY.get()) {
            Core.getGlobalContext().register(handler);
        }
    }

    /** Primes the handler's step and logs how far it went. */
    static void prime(StepHandler<?, ?> handler) {
        long start = System.nanoTime();
        String outcome = "ran through";
        try {
            runOnce(handler);
        } catch (Exception | LinkageError thrown) {
            Throwable e = thrown instanceof InvocationTargetException built && built.getCause() != null
                    ? built.getCause() : thrown; // the handler's constructor failed
            outcome = "stopped at " + e.getClass().getSimpleName() + Arrays.stream(e.getStackTrace())
                    .filter(f -> f.getClassName().startsWith("meshonboarder."))
                    .findFirst()
                    .map(f -> " in " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                            + f.getMethodName() + ":" + f.getLineNumber()).orElse("");
        }
        LOG.info("{} primed in {} ms ({})", handler.step(), (System.nanoTime() - start) / 1_000_000, outcome);
    }

    private static <I, O> void runOnce(StepHandler<I, O> handler) throws Exception {
        try (InputStream sample = input(handler.step())) {
            JsonNode payload = Json.MAPPER.readTree(sample);
            Constructor<?> constructor = wiringConstructor(handler);
            Object wiring = constructor.getParameterTypes()[0].getMethod("priming").invoke(null);
            try {
                StepHandler<I, O> copy = copy(handler, constructor, wiring);
                O result = copy.handle(copy.convert(StepHandler.stepInput(payload)));
                Json.MAPPER.writeValueAsBytes(result);
            } finally {
                if (wiring instanceof AutoCloseable closeable) {
                    closeable.close(); // the priming API server and clients stay out of the snapshot
                }
            }
        }
    }

    /**
     * The made-up state of an onboarding far enough along for every step ({@code priming-input.json}), or the step's
     * own where it reads something else ({@code priming/<Step>.json}: Resolve reads a user's input).
     */
    private static InputStream input(String step) {
        InputStream own = SnapStartPriming.class.getResourceAsStream("priming/" + step + ".json");
        return own != null ? own : SnapStartPriming.class.getResourceAsStream("priming-input.json");
    }

    /**
     * The handler's one-argument constructor, whose argument type ({@code Wiring}) has a static {@code priming()}
     * (this module knows no AWS SDK).
     */
    private static Constructor<?> wiringConstructor(StepHandler<?, ?> handler) throws NoSuchMethodException {
        for (Constructor<?> constructor : handler.getClass().getConstructors()) {
            if (constructor.getParameterCount() == 1) {
                return constructor;
            }
        }
        throw new NoSuchMethodException(handler.getClass().getName() + " has no constructor taking a Wiring");
    }

    @SuppressWarnings("unchecked")
    private static <I, O> StepHandler<I, O> copy(StepHandler<I, O> handler, Constructor<?> constructor, Object wiring)
            throws ReflectiveOperationException {
        BUILDING_COPY.set(true);
        try {
            return (StepHandler<I, O>) constructor.newInstance(wiring);
        } finally {
            BUILDING_COPY.set(false);
        }
    }
}
