package meshonboarder.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.json.Json;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda handler for one state of a state machine: reads the state's payload as {@code I}, returns
 * {@code O} as JSON. Stream-based so that records are read with our own mapper, the same in Lambda, in
 * tests and in the local runner.
 *
 * <p>Every task of the state machines passes {@code executionArn} ({@code $$.Execution.Id}); a task that reads
 * the whole execution state passes it as {@code state} next to it: {@code {"executionArn": ..., "state": $}}.
 * Every log line of the request carries the execution, the step and the cluster ({@link LogContext}).
 *
 * <p>SnapStart: before the snapshot, {@link #beforeCheckpoint} primes the step's request path (docs/operations.md,
 * SnapStart priming).
 *
 * <p>An input record marks the fields the step cannot run without {@link Required}; they are checked here, once, so
 * that a handler's {@link #handle} sees them set (docs/design.md, State shapes).
 *
 * <p>Subclasses stay thin: parse, call one domain service, return a record. A thrown
 * {@link meshonboarder.errors.MeshOnboarderError} becomes the execution's named error.
 */
public abstract class StepHandler<I, O> implements RequestStreamHandler, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(StepHandler.class);
    // set while priming builds its copy of a handler: the copy is not registered for a checkpoint of its own
    private static final ThreadLocal<Boolean> PRIMING = ThreadLocal.withInitial(() -> false);

    private final Class<I> inputType;
    private final String step;
    private final List<RecordComponent> required;

    protected StepHandler(Class<I> inputType) {
        this.inputType = inputType;
        this.step = getClass().getSimpleName().replaceFirst("Handler$", "");
        this.required = inputType.isRecord() ? Arrays.stream(inputType.getRecordComponents())
                .filter(c -> c.isAnnotationPresent(Required.class)).toList() : List.of();
        required.forEach(c -> c.getAccessor().setAccessible(true));
        if (!PRIMING.get()) {
            Core.getGlobalContext().register(this);
        }
    }

    /**
     * Runs this step's request path once without side effects, so that SnapStart snapshots its classes loaded and
     * its Jackson (de)serializers built: a copy of the handler, wired to priming AWS clients that answer in-process
     * with made-up credentials ({@code Wiring.priming()}), and for the Kubernetes steps to an empty API server on the
     * loopback, handles a made-up input (priming-input.json) and writes its output. A step may stop early on an
     * answer it cannot use: that is expected and ignored. Nothing leaves the process, and nothing time-bound
     * (credentials, tokens, connections, the API server) is kept: the wiring is closed before the snapshot.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long start = System.nanoTime();
        String outcome = "ran through";
        try (InputStream sample = primingInput()) {
            JsonNode payload = Json.MAPPER.readTree(sample);
            Object wiring = primingWiring();
            try {
                StepHandler<I, O> copy = primingCopy(wiring);
                O result = copy.handle(copy.convert(carriesState(payload) ? payload.get("state") : payload));
                Json.MAPPER.writeValueAsBytes(result);
            } finally {
                if (wiring instanceof AutoCloseable closeable) {
                    closeable.close(); // the priming API server and clients stay out of the snapshot
                }
            }
        } catch (Exception | LinkageError thrown) {
            Throwable e = thrown instanceof java.lang.reflect.InvocationTargetException built
                    && built.getCause() != null ? built.getCause() : thrown; // the handler's constructor failed
            outcome = "stopped at " + e.getClass().getSimpleName() + Arrays.stream(e.getStackTrace())
                    .filter(f -> f.getClassName().startsWith("meshonboarder.")).findFirst()
                    .map(f -> " in " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                            + f.getMethodName() + ":" + f.getLineNumber()).orElse("");
        }
        LOG.info("{} primed in {} ms ({})", step, (System.nanoTime() - start) / 1_000_000, outcome);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: priming kept no credentials, tokens or connections
    }

    /**
     * The made-up state of an onboarding far enough along for every step ({@code priming-input.json}), or the step's
     * own where it reads something else ({@code priming/<Step>.json}: Resolve reads a user's input).
     */
    private InputStream primingInput() {
        InputStream own = StepHandler.class.getResourceAsStream("priming/" + step + ".json");
        return own != null ? own : StepHandler.class.getResourceAsStream("priming-input.json");
    }

    /**
     * The priming wiring: {@code priming()} of the argument type of the handler's one-argument constructor
     * ({@code Wiring}; this module knows no AWS SDK).
     */
    private Object primingWiring() throws ReflectiveOperationException {
        return primingConstructor().getParameterTypes()[0].getMethod("priming").invoke(null);
    }

    @SuppressWarnings("unchecked")
    private StepHandler<I, O> primingCopy(Object wiring) throws ReflectiveOperationException {
        PRIMING.set(true);
        try {
            return (StepHandler<I, O>) primingConstructor().newInstance(wiring);
        } finally {
            PRIMING.set(false);
        }
    }

    private java.lang.reflect.Constructor<?> primingConstructor() throws NoSuchMethodException {
        for (java.lang.reflect.Constructor<?> constructor : getClass().getConstructors()) {
            if (constructor.getParameterCount() == 1) {
                return constructor;
            }
        }
        throw new NoSuchMethodException(getClass().getName() + " has no constructor taking a Wiring");
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode payload = readTree(input);
        JsonNode stepInput = carriesState(payload) ? payload.get("state") : payload;
        try (LogContext ignored = LogContext.open(step, payload.path("executionArn").textValue(), stepInput)) {
            long start = System.nanoTime();
            try {
                O result = handle(convert(stepInput));
                Json.MAPPER.writeValue(output, result);
                LOG.info("{} done in {} ms", step, (System.nanoTime() - start) / 1_000_000);
            } catch (MeshOnboarderError e) {
                // Lambda reports the error without these log fields; messages never hold secret material
                LOG.warn("{} failed with {}: {}", step, e.getClass().getSimpleName(), e.getMessage());
                throw e;
            }
        }
    }

    protected abstract O handle(I input);

    /** {@code {"executionArn": ..., "state": {...}}} and nothing else: the step reads the whole execution state. */
    private static boolean carriesState(JsonNode payload) {
        return payload.size() == 2 && payload.has("executionArn") && payload.path("state").isObject();
    }

    private JsonNode readTree(InputStream input) throws IOException {
        try {
            JsonNode value = Json.MAPPER.readTree(input);
            if (value == null || value.isMissingNode() || value.isNull()) {
                throw new InvalidInput("The step received an empty input; it expects a JSON object.");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw notValid(e);
        }
    }

    private I convert(JsonNode tree) {
        I input;
        try {
            input = Json.MAPPER.treeToValue(tree, inputType);
        } catch (JsonProcessingException e) {
            throw notValid(e);
        }
        checkRequired(input);
        return input;
    }

    /** Fails naming every {@link Required} field that is absent or null, and what produces it; never quotes input. */
    private void checkRequired(I input) {
        List<String> missing = required.stream().filter(c -> absent(valueOf(c, input)))
                .map(c -> "$." + c.getName() + " (" + c.getAnnotation(Required.class).value() + ")").toList();
        if (!missing.isEmpty()) {
            int last = missing.size() - 1;
            String fields = last == 0 ? missing.get(0) : String.join(", ", missing.subList(0, last)) + " and "
                    + missing.get(last);
            String them = last == 0 ? "it" : "them";
            throw new InvalidInput(step + " needs " + fields + ". Its state machine passes " + them
                    + "; when invoking the function by hand, put " + them + " in the input.");
        }
    }

    /** Null, or JSON null where the field is a JsonNode (Jackson gives those a NullNode). */
    private static boolean absent(Object value) {
        return value == null || value instanceof JsonNode node && (node.isNull() || node.isMissingNode());
    }

    private static Object valueOf(RecordComponent component, Object input) {
        try {
            return component.getAccessor().invoke(input);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of the step input", e);
        }
    }

    private InvalidInput notValid(JsonProcessingException e) {
        // The original message may quote the payload: keep only where it broke.
        return new InvalidInput("The step input is not valid JSON for " + inputType.getSimpleName()
                + " (" + e.getOriginalMessage().split("\n")[0] + ").");
    }
}
