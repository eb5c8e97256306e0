package meshonboarder.local.scenario;

import java.util.Set;

/**
 * Which AWS calls, as the local endpoint counts them ({@code "service operation"}), change something. A reconcile of a
 * healthy mesh makes none but its own report (one event, the metrics of each mesh), its mesh's lease (taken and
 * released: {@code "dynamodb PutItem (lease)"}) and the runner's own StartExecution.
 */
public final class ReconcileWrites {

    private static final Set<String> REPORT = Set.of("events PutEvents", "monitoring PutMetricData",
            "lambda Invoke");
    private static final String[] WRITE_VERBS = {"Put", "Create", "Delete", "Update", "Tag", "Untag", "Associate",
            "Restore", "Register", "Start", "POST", "PUT", "PATCH", "DELETE"};

    private ReconcileWrites() {
    }

    public static boolean isWrite(String call) {
        if (REPORT.contains(call) || call.equals("states StartExecution") || call.endsWith(" (lease)")) {
            return false;
        }
        String operation = call.substring(call.indexOf(' ') + 1);
        for (String verb : WRITE_VERBS) {
            if (operation.startsWith(verb)) {
                return true;
            }
        }
        return false;
    }
}
