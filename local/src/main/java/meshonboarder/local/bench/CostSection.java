package meshonboarder.local.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import meshonboarder.local.Template;

/**
 * Cost per onboarding: from the fan-out's measurements ({@link Cost}), per mesh size measured, and for a mesh of 50
 * (extrapolated when not measured).
 */
final class CostSection {

    private final Bench bench;
    private final PrintStream report;

    CostSection(Bench bench) {
        this.bench = bench;
        this.report = bench.report();
    }

    void print(List<FanOut.Result> results) {
        Template template = Template.read(bench.root().resolve("template.yaml"));
        List<Cost.Estimate> estimates = new ArrayList<>(results.stream()
                .filter(r -> r.problems().isEmpty()).map(r -> Cost.of(r, template)).toList());
        if (estimates.isEmpty()) {
            return;
        }
        String note = "";
        if (estimates.stream().noneMatch(e -> e.peers() == 50) && estimates.size() >= 2) {
            estimates.add(Cost.extrapolate(estimates, 50));
            note = " The 50-peer row is extrapolated on the line through the two largest measured meshes.";
        }
        report.println("## Cost per onboarding");
        report.println();
        Table table = new Table("existing peers>", "Lambda GB-s>", "invocations>", "state transitions>",
                "billed API calls>", "log KB>", "Lambda $>", "Step Functions $>", "API calls $>", "logs $>", "X-Ray $>",
                "total $>");
        for (Cost.Estimate e : estimates) {
            table.row(e.peers(), String.format(Locale.ROOT, "%.1f", e.gbSeconds()), e.invocations(), e.transitions(),
                    e.billedCalls(), String.format(Locale.ROOT, "%.0f", e.logBytes() / 1024.0), dollars(e.lambda()),
                    dollars(e.stepFunctions()), dollars(e.apiCalls()), dollars(e.logs()), dollars(e.xray()),
                    dollars(e.total()));
        }
        table.print(report);
        report.println();
        report.printf(Locale.ROOT, "Lambda GB-s: each function's invocations during the execution (their durations "
                + "in the runner's warm in-process handlers, against local stand-ins: real EKS and AWS round trips "
                + "take longer) times its MemorySize in template.yaml (%d MB, InstallIstio %d MB); arm64 at $%.10f, "
                + "x86_64 at $%.10f per GB-s, $%.2f per million requests. Step Functions: $%.3f per 1,000 state "
                + "transitions (states entered). Billed API calls: Secrets Manager ($%.2f per 10,000) and EventBridge "
                + "PutEvents ($%.2f per million); EKS, STS, EC2 and SSM standard parameters cost nothing. Logs: the "
                + "functions' JSON lines at $%.2f per GB ingested. X-Ray: one trace. us-east-1 list prices without "
                + "free tier, assumed (local/src/main/java/meshonboarder/local/bench/Cost.java); SnapStart for Java "
                + "adds nothing.%s%n", Cost.memoryMb(template, "ResolveFunction"),
                Cost.memoryMb(template, "InstallIstioFunction"), Cost.LAMBDA_GB_SECOND_ARM64,
                Cost.LAMBDA_GB_SECOND_X86_64, Cost.LAMBDA_REQUEST * 1e6, Cost.STATE_TRANSITION * 1e3,
                Cost.SECRETS_MANAGER_CALL * 1e4, Cost.EVENTBRIDGE_EVENT * 1e6, Cost.LOGS_INGESTED_GB, note);
    }

    private static String dollars(double value) {
        return String.format(Locale.ROOT, "%.5f", value);
    }
}
