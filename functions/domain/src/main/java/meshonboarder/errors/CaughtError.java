package meshonboarder.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import meshonboarder.json.Json;

/**
 * What a Catch writes at its {@code ResultPath}: the error's name and its cause. For a Lambda task the cause is the
 * function's error as JSON ({@code errorMessage}, {@code errorType}, {@code stackTrace}); for an error Step Functions
 * raised itself ({@code States.*}), or a Fail state's, it is plain text. Announce and ReportReconcile read it here,
 * and only the message ever leaves: never the stack trace.
 *
 * @param error the error name, {@code meshonboarder.errors.<Name>} for ours
 * @param cause the cause as the Catch gave it
 */
public record CaughtError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {

    /** A cause longer than this is cut: a plain-text cause of Step Functions' own can be a whole payload. */
    static final int MAX_MESSAGE = 500;

    /** The handler's message out of the cause, or the plain-text cause itself; empty when there is none. */
    public String message() {
        String text = cause == null ? "" : cause;
        try {
            JsonNode parsed = Json.MAPPER.readTree(text);
            if (parsed != null && parsed.hasNonNull("errorMessage")) {
                return parsed.path("errorMessage").asText();
            }
        } catch (IOException plainText) {
            // a cause written by Step Functions itself is not JSON
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    }

    /** {@code <error>: <message>}, the way reports and announcements quote a failure. */
    public String summary() {
        String name = error == null || error.isBlank() ? "unknown error" : error;
        String message = message();
        return message.isEmpty() ? name : name + ": " + message;
    }
}
