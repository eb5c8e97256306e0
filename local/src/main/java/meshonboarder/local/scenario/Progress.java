package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meshonboarder.json.Json;
import meshonboarder.local.LocalController;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Follows an execution's history and prints a line per state as it ends, with its duration. */
final class Progress {

    private final LocalController controller;
    private final PrintStream out;

    Progress(LocalController controller, PrintStream out) {
        this.controller = controller;
        this.out = out;
    }

    /** Prints states until the execution ends (or the limit passes), then returns how it ended. */
    DescribeExecutionResponse follow(String label, String executionArn, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        Set<Long> printed = new HashSet<>();
        Map<String, Instant> entered = new HashMap<>();
        while (true) {
            DescribeExecutionResponse execution = controller.describe(executionArn);
            List<HistoryEvent> events = controller.history(executionArn);
            for (HistoryEvent e : events) {
                if (!printed.add(e.id())) {
                    continue;
                }
                if (e.stateEnteredEventDetails() != null) {
                    entered.put(e.stateEnteredEventDetails().name(), e.timestamp());
                    out.printf("  %-6s > %s%n", label, e.stateEnteredEventDetails().name());
                } else if (e.stateExitedEventDetails() != null) {
                    String name = e.stateExitedEventDetails().name();
                    Instant start = entered.getOrDefault(name, e.timestamp());
                    out.printf("  %-6s < %-22s %6.1f s%n", label, name,
                            Duration.between(start, e.timestamp()).toMillis() / 1000.0);
                }
            }
            if (execution.status() != ExecutionStatus.RUNNING) {
                out.printf("  %-6s = %s%s%n", label, execution.status(),
                        execution.error() == null ? "" : " " + execution.error() + ": " + message(execution.cause()));
                return execution;
            }
            if (Instant.now().isAfter(deadline)) {
                out.printf("  %-6s = still RUNNING after %s%n", label, limit);
                return execution;
            }
            sleep();
        }
    }

    /** A Lambda error's cause is its JSON ({@code errorMessage}, {@code errorType}): the message is what a reader needs. */
    private static String message(String cause) {
        try {
            JsonNode json = cause == null ? null : Json.MAPPER.readTree(cause);
            return json != null && json.path("errorMessage").isTextual() ? json.path("errorMessage").asText() : cause;
        } catch (IOException e) {
            return cause; // a cause of the state machine's own, in plain words
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
