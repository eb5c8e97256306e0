package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What AWS refuses, or accepts and then fails on, read from template.yaml: values CloudFormation would deploy but the
 * service cannot use. Each test names the public source of the limit.
 */
class AwsLimitsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    /**
     * CaKmsKeyId is the Resource of EnsureCa's KMS statement. KMS Developer Guide, "Specifying KMS keys in IAM policy
     * statements" (https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html): only a key ARN
     * names a key there; a key id fails the policy, an alias ARN authorizes the alias and not the key.
     */
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "'',                                                                                true",
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab,       true",
        "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab,       true",
        "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab,   true",
        "1234abcd-12ab-34cd-56ef-1234567890ab,                                              false",
        "alias/mesh-ca,                                                                     false",
        "arn:aws:kms:us-east-1:123456789012:alias/mesh-ca,                                  false",
    })
    void caKmsKeyId_whenNotAKeyArn_isRefusedWithTheFix(String value, boolean accepted) {
        Map<String, Object> parameter = template.parameterDefinitions().get("CaKmsKeyId");

        assertThat(parameter.get("AllowedPattern")).as("CaKmsKeyId needs an AllowedPattern").isNotNull();
        assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), value)).isEqualTo(accepted);
        assertThat(String.valueOf(parameter.get("ConstraintDescription"))).contains("key ARN", "describe-key");
    }

    /**
     * The name properties each resource type of the template can set, and the service's limit. A resource that sets
     * none gets a name CloudFormation generates and shortens to fit. Sources: CloudFormation quotas (stack name 128,
     * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html); Step Functions
     * quotas (state machine name 80, https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html); IAM
     * quotas (role 64, policy 128, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); the
     * API references of EventBridge PutRule (64), Scheduler CreateSchedule (64), CloudWatch PutMetricAlarm (255) and
     * PutDashboard (255), CloudWatch Logs CreateLogGroup (512), SNS CreateTopic (256) and Lambda CreateFunction (64).
     */
    private static final Map<String, Map<String, Integer>> NAME_LIMITS = Map.ofEntries(
            Map.entry("AWS::Serverless::StateMachine", Map.of("Name", 80)),
            Map.entry("AWS::StepFunctions::StateMachine", Map.of("StateMachineName", 80)),
            Map.entry("AWS::Serverless::Function", Map.of("FunctionName", 64)),
            Map.entry("AWS::Lambda::Function", Map.of("FunctionName", 64)),
            // a custom resource has no name of its own
            Map.entry("Custom::FunctionConfigurations", Map.of()),
            Map.entry("AWS::IAM::Role", Map.of("RoleName", 64)),
            Map.entry("AWS::IAM::Policy", Map.of("PolicyName", 128)),
            Map.entry("AWS::IAM::ManagedPolicy", Map.of("ManagedPolicyName", 128)),
            Map.entry("AWS::Events::Rule", Map.of("Name", 64)),
            Map.entry("AWS::Scheduler::Schedule", Map.of("Name", 64)),
            Map.entry("AWS::CloudWatch::Alarm", Map.of("AlarmName", 255)),
            Map.entry("AWS::CloudWatch::Dashboard", Map.of("DashboardName", 255)),
            Map.entry("AWS::Logs::LogGroup", Map.of("LogGroupName", 512)),
            Map.entry("AWS::SNS::Topic", Map.of("TopicName", 256)),
            Map.entry("AWS::SNS::TopicPolicy", Map.of()),
            // PutPermission's StatementId: 1 to 64 of [a-zA-Z0-9-_]
            // (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPermission.html)
            Map.entry("AWS::Events::EventBusPolicy", Map.of("StatementId", 64)),
            // 3 to 255 characters (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html)
            Map.entry("AWS::DynamoDB::Table", Map.of("TableName", 255)));

    private static final int LONGEST_STACK_NAME = 128;

    /** Every physical name the template sets fits its service's limit, for the longest stack name there can be. */
    @Test
    void physicalNames_whenStackNameIsTheLongestAllowed_fitEachServicesLimit() {
        Template longest = template.deployedAs("s".repeat(LONGEST_STACK_NAME), "us-gov-west-1");
        List<String> tooLong = new ArrayList<>();
        for (var resource : Template.map(longest.root(), "Resources").entrySet()) {
            String type = Template.cast(resource.getValue()).get("Type").toString();
            assertThat(NAME_LIMITS).as(resource.getKey() + ": add the name limits of " + type).containsKey(type);
            Map<String, Object> properties = longest.properties(resource.getKey());
            NAME_LIMITS.get(type).forEach((property, limit) -> {
                if (properties.containsKey(property)) {
                    check(resource.getKey() + "." + property, longest.resolve(properties.get(property)), limit, tooLong);
                }
            });
            // a role's inline policies
            if (properties.get("Policies") instanceof List<?> policies) {
                for (Object policy : policies) {
                    Object name = policy instanceof Map<?, ?> m ? m.get("PolicyName") : null;
                    if (name != null) {
                        check(resource.getKey() + ".Policies", longest.resolve(name), 128, tooLong);
                    }
                }
            }
        }
        assertThat(tooLong).as("names over the limit with a " + LONGEST_STACK_NAME + "-character stack name").isEmpty();
    }

    private static void check(String where, String name, int limit, List<String> tooLong) {
        if (name.length() > limit) {
            tooLong.add(where + " (" + name.length() + " > " + limit + ")");
        }
    }

    /**
     * GetParametersByPath is authorized against the path it reads as well as the parameters under it: a grant on
     * {@code parameter/<prefix>/*} alone misses {@code parameter/<prefix>}, the path the schedule and ResolveMember
     * read (TerraConstructs/base issue 133 quotes the AccessDeniedException, "not authorized to perform:
     * ssm:GetParametersByPath on resource: ...:parameter/<the path>"; Systems Manager User Guide, "Restricting access
     * to Systems Manager parameters using IAM policies").
     */
    @Test
    void getParametersByPath_whenGranted_coversThePathNodeAndItsChildren() {
        String parameters = "arn:aws:ssm:us-east-1:" + LocalController.ACCOUNT + ":parameter/istio-mesh";
        int granted = 0;
        for (var function : template.resources("AWS::Serverless::Function").keySet()) {
            List<String> resources = resourcesOf(function, "ssm:GetParametersByPath");
            if (resources.isEmpty()) {
                continue;
            }
            granted++;
            for (String path : List.of("", "/mesh1/members")) {
                assertThat(resources).as(function + " on the path " + parameters + path)
                        .anyMatch(r -> ClusterAccessTrustTest.like(parameters + path, r));
            }
        }
        assertThat(granted).isPositive();
    }

    /** The resources of the function's statements that allow the action (statements under a condition left out). */
    private List<String> resourcesOf(String function, String action) {
        List<String> resources = new ArrayList<>();
        for (Object policy : (List<?>) template.properties(function).getOrDefault("Policies", List.of())) {
            Object statements = policy instanceof Map<?, ?> m ? m.get("Statement") : null;
            for (Object statement : statements instanceof List<?> list ? list : List.of()) {
                Map<String, Object> s = Template.cast(statement);
                Object actions = s.get("Action");
                if (actions != null && (actions.equals(action) || actions instanceof List<?> l && l.contains(action))) {
                    Object resource = s.get("Resource");
                    for (Object r : resource instanceof List<?> l ? l : List.of(resource)) {
                        resources.add(template.resolve(r));
                    }
                }
            }
        }
        return resources;
    }

    /**
     * SnapStart is not offered in every region (Lambda Developer Guide, "Improving startup performance with Lambda
     * SnapStart", supported Regions: https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html): the parameter
     * SnapStart=false leaves the property out.
     */
    @Test
    void snapStart_whenSwitchedOff_isLeftOutOfEveryFunction() {
        Map<String, Object> globals = Template.map(Template.map(template.root(), "Globals"), "Function");
        List<?> choice = (List<?>) Template.map(globals, "SnapStart").get("Fn::If");

        assertThat(choice).as("Globals SnapStart: !If [UsesSnapStart, ..., !Ref AWS::NoValue]").isNotNull();
        assertThat(choice.get(0)).isEqualTo("UsesSnapStart");
        assertThat(choice.get(1)).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(choice.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
        assertThat(Template.map(template.root(), "Conditions").get("UsesSnapStart"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "SnapStart"), "true")));
        assertThat(template.parameterDefinitions().get("SnapStart").get("AllowedValues")).isEqualTo(List.of("true", "false"));
        template.resources("AWS::Serverless::Function").forEach((id, f) ->
                assertThat(template.properties(id)).as(id + " sets no SnapStart of its own").doesNotContainKey("SnapStart"));
    }
}
