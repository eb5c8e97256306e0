package meshonboarder.errors;

import static org.assertj.core.api.Assertions.assertThat;

import meshonboarder.json.Json;
import org.junit.jupiter.api.Test;

class CaughtErrorTest {

    @Test
    void message_whenTheCauseIsALambdaError_isTheHandlersMessageWithoutTheStackTrace() throws Exception {
        CaughtError caught = Json.MAPPER.readValue("{\"Error\": \"meshonboarder.errors.AccessDenied\", \"Cause\": "
                + "\"{\\\"errorMessage\\\": \\\"refused\\\", \\\"errorType\\\": \\\"x\\\", "
                + "\\\"stackTrace\\\": [\\\"at a.b(C.java:1)\\\"]}\"}", CaughtError.class);

        assertThat(caught.message()).isEqualTo("refused");
        assertThat(caught.summary()).isEqualTo("meshonboarder.errors.AccessDenied: refused");
    }

    @Test
    void message_whenStepFunctionsWroteThePlainCause_isTheCauseCutToItsLimit() {
        assertThat(new CaughtError("States.Timeout", "the task timed out").summary())
                .isEqualTo("States.Timeout: the task timed out");
        assertThat(new CaughtError("States.DataLimitExceeded", "x".repeat(2000)).message())
                .hasSize(CaughtError.MAX_MESSAGE + 3).endsWith("...");
    }

    @Test
    void summary_whenNameOrCauseMissing_saysWhatIsKnown() {
        assertThat(new CaughtError("meshonboarder.errors.Transient", null).summary())
                .isEqualTo("meshonboarder.errors.Transient");
        assertThat(new CaughtError(null, "").summary()).isEqualTo("unknown error");
    }
}
