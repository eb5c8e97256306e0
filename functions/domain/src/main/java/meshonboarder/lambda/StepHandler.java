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
     * with made-up credentials ({@code Wiring.priming()}), handles a made-up input (priming-input.json) and writes
     * its output. The canned answers are thin, so most steps stop early with an error: that is expected and
     * ignored. Nothing leaves the process, and nothing time-bound (credentials, tokens, connections) is kept.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long start = System.nanoTime();
        String outcome = "ran through";
        try (InputStream sample = StepHandler.class.getResourceAsStream("priming-input.json")) {
            JsonNode payload = Json.MAPPER.readTree(sample);
            StepHandler<I, O> copy = primingCopy();
            O result = copy.handle(copy.convert(carriesState(payload) ? payload.get("state") : payload));
            Json.MAPPER.writeValueAsBytes(result);
        } catch (Exception | LinkageError e) {
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

    @SuppressWarnings("unchecked")
    private StepHandler<I, O> primingCopy() throws ReflectiveOperationException {
        PRIMING.set(true);
        try {
            // the handler's one-argument constructor whose argument type offers a static priming() (Wiring): this
            // module knows no AWS SDK
            for (java.lang.reflect.Constructor<?> constructor : getClass().getConstructors()) {
                if (constructor.getParameterCount() == 1) {
                    java.lang.reflect.Method priming = constructor.getParameterTypes()[0].getMethod("priming");
                    return (StepHandler<I, O>) constructor.newInstance(priming.invoke(null));
                }
            }
            throw new NoSuchMethodException(getClass().getName() + " has no constructor taking a Wiring");
        } finally {
            PRIMING.set(false);
        }
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
