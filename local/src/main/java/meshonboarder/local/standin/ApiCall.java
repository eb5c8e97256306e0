package meshonboarder.local.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AWS API request as the benchmarks count it: the service (from the SigV4 credential scope, as every SDK
 * request carries it) and the operation, read from whichever protocol the service speaks: {@code X-Amz-Target}
 * (JSON: SSM, Secrets Manager, EventBridge, Step Functions), {@code Action=} (query: STS, EC2), or for REST
 * (EKS) the method and the path with names left out ({@code GET /clusters/*}).
 */
record ApiCall(String service, String operation) {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");
    // path segments that name a collection: the segment after each is a resource's name
    private static final Set<String> COLLECTIONS = Set.of("clusters", "access-entries", "access-policies", "addons",
            "tags", "nodegroups", "fargate-profiles");

    /** The suffix of a DynamoDB call on a mesh's lease item. */
    static final String LEASE = "(lease)";
    private static final String LEASE_KEY = "{\"S\":\"#lease\"}";

    String key() {
        return service + " " + operation;
    }

    static ApiCall of(String method, String path, String query, String authorization, String target, byte[] body) {
        String service = "unsigned";
        if (authorization != null) {
            Matcher scope = SCOPE.matcher(authorization);
            if (scope.find()) {
                service = scope.group(1);
            }
        }
        if (target != null && !target.isBlank()) {
            String operation = target.substring(target.lastIndexOf('.') + 1);
            // a run's own lease (its item's partition key is "#lease") is bookkeeping, not a change to the mesh
            return new ApiCall(service, service.equals("dynamodb") && body.length < 65536
                    && new String(body, StandardCharsets.UTF_8).contains(LEASE_KEY) ? operation + " " + LEASE : operation);
        }
        for (String form : new String[] {query, body.length > 0 && body.length < 65536
                ? new String(body, StandardCharsets.UTF_8) : null}) {
            if (form != null) {
                Matcher action = ACTION.matcher(form);
                if (action.find()) {
                    return new ApiCall(service, URLDecoder.decode(action.group(1), StandardCharsets.UTF_8));
                }
            }
        }
        return new ApiCall(service, method + " " + shape(path));
    }

    /** {@code /clusters/eks-1/addons/vpc-cni} as {@code /clusters/* /addons/*} (without the space). */
    static String shape(String path) {
        String[] segments = path.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            out.append('/').append(i > 1 && COLLECTIONS.contains(segments[i - 1]) ? "*" : segments[i]);
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
