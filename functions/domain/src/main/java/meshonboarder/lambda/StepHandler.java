package meshonboarder.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import meshonboarder.errors.InvalidInput;

/**
 * A Lambda handler for one state of a state machine: reads the state's payload as {@code I}, returns
 * {@code O} as JSON. Stream-based so that records are read with our own mapper, the same in Lambda, in
 * tests and in the local runner.
 *
 * <p>Subclasses stay thin: parse, call one domain service, return a record. A thrown
 * {@link meshonboarder.errors.MeshOnboarderError} becomes the execution's named error.
 */
public abstract class StepHandler<I, O> implements RequestStreamHandler {

    private final Class<I> inputType;

    protected StepHandler(Class<I> inputType) {
        this.inputType = inputType;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        O result = handle(read(input));
        Json.MAPPER.writeValue(output, result);
    }

    protected abstract O handle(I input);

    private I read(InputStream input) throws IOException {
        try {
            I value = Json.MAPPER.readValue(input, inputType);
            if (value == null) {
                throw new InvalidInput("The step received an empty input; it expects a JSON object.");
            }
            return value;
        } catch (JsonProcessingException e) {
            // The original message may quote the payload: keep only where it broke.
            throw new InvalidInput("The step input is not valid JSON for " + inputType.getSimpleName()
                    + " (" + e.getOriginalMessage().split("\n")[0] + ").");
        }
    }
}
