package meshonboarder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import meshonboarder.json.Json;
import meshonboarder.lambda.StepHandler;

/** Calls a handler the way Lambda does: JSON bytes in, JSON bytes out. */
public final class Lambdas {

    private Lambdas() {
    }

    public static JsonNode invoke(StepHandler<?, ?> handler, String inputJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(inputJson.getBytes(StandardCharsets.UTF_8)), out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode invoke(StepHandler<?, ?> handler, Object input) {
        try {
            return invoke(handler, Json.MAPPER.writeValueAsString(input));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
