package meshonboarder.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import meshonboarder.aws.ClusterLocations;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.json.Json;
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
 * <p>An input record marks the fields the step cannot run without {@link Required}; {@link RequiredFields} checks
 * them once the input is read, so that a handler's {@link #handle} sees them set (docs/design.md, State shapes).
 *
 * <p>SnapStart: before the snapshot, {@link SnapStartPriming} runs the step's request path once
 * (docs/operations.md, SnapStart priming).
 *
 * <p>Subclasses stay thin: parse, call one domain service, return a record. A thrown {@link MeshOnboarderError}
 * becomes the execution's named error.
 */
public abstract class StepHandler<I, O> implements RequestStreamHandler, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(StepHandler.class);

    private final Class<I> inputType;
    private final String step;
    private final RequiredFields<I> required;

    protected StepHandler(Class<I> inputType) {
        this.inputType = inputType;
        this.step = getClass().getSimpleName().replaceFirst("Handler$", "");
        this.required = new RequiredFields<>(inputType, step);
        SnapStartPriming.register(this);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode payload = readTree(input);
        JsonNode stepInput = stepInput(payload);
        // the clusters of other accounts the input names, and the step, for the adapters' calls into those accounts
        ClusterLocations.step(step);
        ClusterLocations.rememberAll(stepInput);
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

    /** Primes this step before the snapshot ({@link SnapStartPriming}); never throws. */
    @Override
    // fully qualified: Lambda's Context is imported
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStartPriming.prime(this);
    }

    @Override
    // fully qualified: Lambda's Context is imported
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: priming kept no credentials, tokens or connections
    }

    /** The state this handler serves: its class name without {@code Handler}. */
    String step() {
        return step;
    }

    /**
     * What the step reads of a payload: the whole execution state when the payload is
     * {@code {"executionArn": ..., "state": {...}}} and nothing else, else the payload itself.
     */
    static JsonNode stepInput(JsonNode payload) {
        boolean carriesState = payload.size() == 2 && payload.has("executionArn") && payload.path("state").isObject();
        return carriesState ? payload.get("state") : payload;
    }

    /** The step's input record, its {@link Required} fields checked. */
    I convert(JsonNode tree) {
        I input;
        try {
            input = Json.MAPPER.treeToValue(tree, inputType);
        } catch (JsonProcessingException e) {
            throw notValid(e);
        }
        required.check(input);
        return input;
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

    private InvalidInput notValid(JsonProcessingException e) {
        // The original message may quote the payload: keep only where it broke.
        return new InvalidInput("The step input is not valid JSON for " + inputType.getSimpleName()
                + " (" + e.getOriginalMessage().split("\n")[0] + ").");
    }
}
