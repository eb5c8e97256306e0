package meshonboarder.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import meshonboarder.errors.InvalidInput;

/**
 * Reads an execution input: either the EventBridge event of a CloudTrail {@code CreateCluster} or
 * {@code TagResource} call, or a manual {@code {"clusterName": ..., "region": ..., "meshId": ...,
 * "network": ..., "account": ...}}. Pure: no AWS call, so bad input fails before anything is touched.
 */
public final class OnboardRequests {

    // EKS: "The name can contain only alphanumeric characters (case-sensitive), hyphens, and underscores.
    // It must start with an alphanumeric character and can't be longer than 100 characters."
    // Istio puts mesh ids and network names into labels: label-value syntax.
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?");
    private static final Pattern CLUSTER_ARN =
            Pattern.compile("arn:aws[a-z-]*:eks:([a-z0-9-]+):\\d{12}:cluster/([0-9A-Za-z_-]+)");

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private final String meshTagKey;

    public OnboardRequests(String meshTagKey) {
        this.meshTagKey = meshTagKey;
    }

    public OnboardRequest read(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new InvalidInput("The input must be a JSON object: an EKS CloudTrail event or "
                    + "{\"clusterName\": \"...\"} with optional region, meshId and network.");
        }
        if (input.has("detail-type") || input.has("detail")) {
            return fromEvent(input);
        }
        return fromManualInput(input);
    }

    private OnboardRequest fromManualInput(JsonNode input) {
        String clusterName = text(input, "clusterName");
        if (clusterName == null) {
            throw new InvalidInput("The input has no clusterName. Start the execution with "
                    + "{\"clusterName\": \"<EKS cluster name>\"} (region, meshId and network are optional).");
        }
        return validated(new OnboardRequest(clusterName, text(input, "region"), text(input, "meshId"),
                text(input, "network"), "manual", text(input, "account")));
    }

    private OnboardRequest fromEvent(JsonNode event) {
        JsonNode detail = event.path("detail");
        String source = text(event, "source");
        String eventSource = text(detail, "eventSource");
        if (!"aws.eks".equals(source) || !"eks.amazonaws.com".equals(eventSource)) {
            throw new InvalidInput("The event is not an EKS CloudTrail event (source '" + source
                    + "', eventSource '" + eventSource + "'); only CreateCluster and TagResource start onboarding.");
        }
        if (detail.hasNonNull("errorCode")) {
            throw new InvalidInput("The " + text(detail, "eventName") + " call in the event failed ("
                    + text(detail, "errorCode") + "): there is nothing to onboard.");
        }
        String region = firstNonNull(text(detail, "awsRegion"), text(event, "region"));
        // a member account's rule forwards its events as they are: "account" is the member's
        String account = text(event, "account");
        JsonNode parameters = detail.path("requestParameters");
        String eventName = text(detail, "eventName");
        if ("CreateCluster".equals(eventName)) {
            // CloudTrail records carry "name"; AWS's documented CreateCluster sample (EKS User Guide, "Analyze AWS
            // CloudTrail log file entries") has "clusterName"
            String name = firstNonNull(text(parameters, "name"), text(parameters, "clusterName"));
            if (name == null) {
                throw new InvalidInput("The CreateCluster event has neither requestParameters.name nor clusterName.");
            }
            return validated(new OnboardRequest(name, region, text(parameters.path("tags"), meshTagKey), null,
                    eventName, account));
        }
        if ("TagResource".equals(eventName)) {
            // the EKS API takes the ARN URL-encoded in its path (POST /tags/{resourceArn}); accept it in that form too
            String arn = text(parameters, "resourceArn");
            arn = arn == null ? null : URLDecoder.decode(arn, StandardCharsets.UTF_8);
            var matcher = arn == null ? null : CLUSTER_ARN.matcher(arn);
            if (matcher == null || !matcher.matches()) {
                throw new InvalidInput("The TagResource event does not tag an EKS cluster (resourceArn '" + arn
                        + "').");
            }
            String meshId = text(parameters.path("tags"), meshTagKey);
            if (meshId == null) {
                throw new InvalidInput("The TagResource event does not add the '" + meshTagKey
                        + "' tag, so it does not ask for onboarding.");
            }
            return validated(new OnboardRequest(matcher.group(2), matcher.group(1), meshId, null, eventName, account));
        }
        throw new InvalidInput("EKS event '" + eventName
                + "' does not start onboarding; only CreateCluster and TagResource do.");
    }

    private static OnboardRequest validated(OnboardRequest request) {
        check(request.clusterName(), EksNames.CLUSTER_NAME, "clusterName",
                "letters, digits, '-' and '_', starting with a letter or digit, at most 100 characters");
        check(request.region(), EksNames.REGION, "region", "an AWS region such as us-east-1");
        check(request.meshId(), LABEL_VALUE, "meshId", "a Kubernetes label value (letters, digits, '-', '_', '.')");
        check(request.network(), LABEL_VALUE, "network", "a Kubernetes label value (letters, digits, '-', '_', '.')");
        check(request.account(), ACCOUNT, "account", "a 12-digit AWS account id");
        return request;
    }

    private static void check(String value, Pattern pattern, String field, String expected) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new InvalidInput("The " + field + " '" + abbreviate(value) + "' is not valid: expected " + expected
                    + ".");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInput("The field " + field + " must be a string.");
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
