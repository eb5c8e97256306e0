package meshonboarder.local.bench;

import java.util.List;
import java.util.Map;
import meshonboarder.local.Template;

/**
 * What one onboarding costs, from what the fan-out measured: Lambda GB-seconds at template.yaml's memory sizes and
 * architectures (and requests), Step Functions state transitions, the billed AWS API calls, CloudWatch Logs
 * ingestion and one X-Ray trace. List prices of us-east-1 (on-demand, no free tier), written here so that the figure
 * can be checked and changed: they are assumptions, not read from AWS. EKS, STS, EC2 Describe and SSM standard
 * parameter calls cost nothing; SnapStart for Java has no cost of its own.
 */
final class Cost {

    static final double LAMBDA_GB_SECOND_ARM64 = 0.0000133334;
    static final double LAMBDA_GB_SECOND_X86_64 = 0.0000166667;
    static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
    static final double STATE_TRANSITION = 0.025 / 1_000;
    static final double SECRETS_MANAGER_CALL = 0.05 / 10_000;
    static final double EVENTBRIDGE_EVENT = 1.00 / 1_000_000;
    static final double LOGS_INGESTED_GB = 0.50;
    static final double XRAY_TRACE = 5.00 / 1_000_000;

    /** One onboarding's cost, by part, in US dollars; GB-seconds and the counts it comes from. */
    record Estimate(int peers, double gbSeconds, long invocations, long transitions, long billedCalls, long logBytes,
                    double lambda, double stepFunctions, double apiCalls, double logs, double xray) {

        double total() {
            return lambda + stepFunctions + apiCalls + logs + xray;
        }
    }

    private Cost() {
    }

    static Estimate of(FanOut.Result r, Template template) {
        double gbSeconds = 0;
        double lambda = r.invocations() * LAMBDA_REQUEST;
        for (var f : r.lambdaMillis().entrySet()) {
            double gbs = f.getValue() / 1000.0 * memoryMb(template, f.getKey()) / 1024.0;
            gbSeconds += gbs;
            lambda += gbs * (arm64(template, f.getKey()) ? LAMBDA_GB_SECOND_ARM64 : LAMBDA_GB_SECOND_X86_64);
        }
        long secrets = r.aws().entrySet().stream().filter(e -> e.getKey().startsWith("secretsmanager "))
                .mapToLong(Map.Entry::getValue).sum();
        long events = r.aws().getOrDefault("events PutEvents", 0L);
        return new Estimate(r.peers(), gbSeconds, r.invocations(), r.transitions(), secrets + events, r.logBytes(),
                lambda, r.transitions() * STATE_TRANSITION, secrets * SECRETS_MANAGER_CALL + events * EVENTBRIDGE_EVENT,
                r.logBytes() / 1e9 * LOGS_INGESTED_GB, XRAY_TRACE);
    }

    /** The estimate for {@code peers}, on the line through the two largest measured meshes (when not measured). */
    static Estimate extrapolate(List<Estimate> measured, int peers) {
        Estimate a = measured.get(measured.size() - 2);
        Estimate b = measured.get(measured.size() - 1);
        double k = (double) (peers - b.peers()) / (b.peers() - a.peers());
        return new Estimate(peers, b.gbSeconds() + k * (b.gbSeconds() - a.gbSeconds()),
                Math.round(b.invocations() + k * (b.invocations() - a.invocations())),
                Math.round(b.transitions() + k * (b.transitions() - a.transitions())),
                Math.round(b.billedCalls() + k * (b.billedCalls() - a.billedCalls())),
                Math.round(b.logBytes() + k * (b.logBytes() - a.logBytes())),
                b.lambda() + k * (b.lambda() - a.lambda()), b.stepFunctions() + k * (b.stepFunctions() - a.stepFunctions()),
                b.apiCalls() + k * (b.apiCalls() - a.apiCalls()), b.logs() + k * (b.logs() - a.logs()), b.xray());
    }

    static int memoryMb(Template template, String function) {
        Object own = template.properties(function).get("MemorySize");
        Object global = Template.map(Template.map(template.root(), "Globals"), "Function").get("MemorySize");
        return Integer.parseInt(String.valueOf(own != null ? own : global));
    }

    private static boolean arm64(Template template, String function) {
        return String.valueOf(template.properties(function).get("Architectures")).contains("arm64");
    }
}
