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

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration HISTORY_POLL = Duration.ofSeconds(2);

    private final LocalController controller;
    private final PrintStream out;

    Progress(LocalController controller, PrintStream out) {
        this.controller = controller;
        this.out = out;
    }

    /**
     * Prints states until the execution ends (or the limit passes), then returns how it ended. Its status is read
     * every {@link #POLL}, its history every {@link #HISTORY_POLL} and once at the end: moto serializes the whole
     * history for each GetExecutionHistory (it has no pages), and reading it as often as the status made about 1,100
     * of the 3,700 requests moto served in the reconcile scenario, each longer as the history grew, on CI's two cores.
     */
    DescribeExecutionResponse follow(String label, String executionArn, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        Set<Long> printed = new HashSet<>();
        Map<String, Instant> entered = new HashMap<>();
        Instant historyRead = Instant.MIN;
        while (true) {
            DescribeExecutionResponse execution = controller.describe(executionArn);
            boolean ended = execution.status() != ExecutionStatus.RUNNING;
            if (ended || Instant.now().isAfter(historyRead.plus(HISTORY_POLL))) {
                historyRead = Instant.now();
                print(label, controller.history(executionArn), printed, entered);
            }
            if (ended) {
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

    private void print(String label, List<HistoryEvent> events, Set<Long> printed, Map<String, Instant> entered) {
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
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
