package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import meshonboarder.json.Json;
import meshonboarder.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

/**
 * member/template.yaml against template.yaml: the member role does what the hub's functions do in a member account
 * and admits exactly the hub roles the hub names; the forwarding rule sends the four EKS calls and nothing else; and
 * the hub's bus admits only the organization or the accounts given.
 */
class MemberTemplateTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final String HUB = LocalController.ACCOUNT;
    private static final String MEMBER = "210987654321";
    private static final Pattern ACTION = Pattern.compile("\"((?:eks|ec2):[A-Za-z]+)\"");
    private static final Set<String> KUBERNETES_MODULES = Set.of("cluster-steps", "istio-steps");
    // CloudFormation: "[a-zA-Z][-a-zA-Z0-9]*", at most 128 characters
    private static final String LONGEST_STACK_NAME = "mesh-onboarder-" + "x".repeat(128 - "mesh-onboarder-".length());

    private final Template hub = Template.read(ROOT.resolve("template.yaml"));

    private static Template member(String hubRoleArns) {
        return Template.read(ROOT.resolve("member/template.yaml"),
                Map.of("HubAccountId", HUB, "HubRegion", "us-east-1", "HubRoleArns", hubRoleArns));
    }

    // ------------------------------------------------------------------ the forwarding rule

    @ParameterizedTest(name = "{0} forwarded: {1}")
    @CsvSource({
        "create-cluster-tagged.json,             true",
        "create-cluster-tagged-clustername.json, true",
        "create-cluster-untagged.json,           true",
        "tag-resource-mesh.json,                 true",
        "tag-resource-mesh-encoded.json,         true",
        "untag-resource-mesh.json,               true",
        "delete-cluster.json,                    true",
        "create-cluster-failed.json,             false",
        "delete-cluster-failed.json,             false",
        "create-nodegroup-tagged.json,           false",
        "ecs-create-cluster-tagged.json,         false",
    })
    void forwardRule_whenEksCall_forwardsTheFourSucceededCallsOnly(String event, boolean forwarded) throws Exception {
        Machine machine = forwardRule();

        assertThat(machine.rulesForJSONEvent(Events.load(event).toString()).isEmpty()).isEqualTo(!forwarded);
    }

    @Test
    void forwardRule_whenHubRuleMatches_hasForwardedTheEvent() throws Exception {
        Rules rules = new Rules(hub);
        Machine machine = forwardRule();
        for (String event : new String[] {"create-cluster-tagged.json", "tag-resource-mesh.json",
                "tag-resource-mesh-encoded.json", "untag-resource-mesh.json", "delete-cluster.json"}) {
            String json = Events.load(event).toString();
            assertThat(rules.matching(json)).as(event).isNotEmpty();
            assertThat(machine.rulesForJSONEvent(json)).as(event).isNotEmpty();
        }
    }

    @Test
    void forwardRule_whenDeployed_targetsTheHubsDefaultBusWithARoleThatMayPutEventsThereOnly() {
        Template stack = member("").deployedAs("mesh-onboarder-member", "eu-west-1");
        Map<String, Object> target = Template.cast(((List<?>) stack.properties("ForwardClusterEventsRule")
                .get("Targets")).get(0));
        String hubBus = "arn:aws:events:us-east-1:" + HUB + ":event-bus/default";

        assertThat(stack.resolve(target.get("Arn"))).isEqualTo(hubBus);
        assertThat(target.get("RoleArn")).isEqualTo(Map.of("Fn::GetAtt", "ForwardRole.Arn"));
        String policy = Json.MAPPER.valueToTree(stack.properties("ForwardRole").get("Policies")).toString();
        assertThat(stack.substitute(policy)).contains(hubBus).contains("\"events:PutEvents\"")
                .doesNotContain("\"*\"");
    }

    // ------------------------------------------------------------------ what each stack instance holds

    /** A StackSet deploys the same template to every account and region: each instance holds only its part. */
    @ParameterizedTest(name = "{0} in {1}, RoleRegion ''{2}'' -> role {3}, forward {4}")
    @CsvSource({
        "hub,    us-east-1, '',        false, false",
        "hub,    eu-west-1, '',        false, true",
        "member, us-east-1, '',        true,  true",
        "member, eu-west-1, '',        false, true",
        "member, eu-west-1, eu-west-1, true,  true",
        "member, us-east-1, eu-west-1, false, true",
    })
    void instance_whenDeployedInAnAccountAndRegion_holdsTheRoleOnceAndForwardsEverywhereButTheHubBus(
            String account, String region, String roleRegion, boolean role, boolean forward) {
        Template stack = Template.read(ROOT.resolve("member/template.yaml"), Map.of(
                        // the stack runs in LocalController.ACCOUNT: a member stack is one whose hub is elsewhere
                        "HubAccountId", account.equals("hub") ? HUB : MEMBER, "HubRegion", "us-east-1",
                        "HubRoleArns", "", "RoleRegion", roleRegion))
                .deployedAs("mesh-onboarder-member", region);
        Conditions conditions = new Conditions(stack);

        assertThat(conditions.created("AWS::IAM::Role").containsKey("MemberRole")).isEqualTo(role);
        assertThat(conditions.created("AWS::Events::Rule").containsKey("ForwardClusterEventsRule")).isEqualTo(forward);
        assertThat(conditions.created("AWS::IAM::Role").containsKey("ForwardRole")).isEqualTo(forward);
    }

    // ------------------------------------------------------------------ the member role

    /** The roles the hub names: ClusterAccessRole and the AWS-only functions that call EKS or EC2, nothing else. */
    @Test
    void hubOutput_whenDeployed_namesClusterAccessRoleAndTheAwsOnlyFunctionsThatCallEksOrEc2() {
        ClusterAccessTrustTest.Stack stack = new ClusterAccessTrustTest.Stack(hub, "mesh-onboarder", "us-east-1");
        Set<String> expected = new TreeSet<>(Set.of(stack.roleArn("ClusterAccessRole")));
        for (var function : hub.resources("AWS::Serverless::Function").entrySet()) {
            Map<String, Object> properties = Template.map(function.getValue(), "Properties");
            String module = Path.of(properties.get("CodeUri").toString()).getName(1).toString();
            if (!KUBERNETES_MODULES.contains(module) && !eksAndEc2Actions(properties.get("Policies")).isEmpty()) {
                expected.add(stack.roleArn(function.getKey() + "Role"));
            }
        }

        assertThat(trustedByHub(stack)).isEqualTo(expected).hasSize(10);
    }

    /**
     * The trust names the roles of the parameter and nothing else: no wildcard, no account root, no condition that
     * widens it. IAM admits exactly the principals a trust names by ARN.
     */
    @Test
    void memberRoleTrust_whenGivenTheHubsOutput_admitsExactlyThoseRoles() {
        ClusterAccessTrustTest.Stack stack = new ClusterAccessTrustTest.Stack(hub, "mesh-onboarder", "us-east-1");
        Set<String> trusted = trustedByHub(stack);
        Template member = member(String.join(",", trusted)).deployedAs("mesh-onboarder-member", "us-east-1");

        Map<String, Object> document = Template.cast(member.properties("MemberRole").get("AssumeRolePolicyDocument"));
        List<?> statements = (List<?>) document.get("Statement");
        assertThat(statements).hasSize(1);
        Map<String, Object> statement = Template.cast(statements.get(0));
        assertThat(statement).containsOnlyKeys("Effect", "Principal", "Action");
        assertThat(statement.get("Action")).isEqualTo("sts:AssumeRole");
        assertThat(statement.get("Principal")).isEqualTo(Map.of("AWS", Map.of("Ref", "HubRoleArns")));

        Set<String> admitted = new TreeSet<>(Arrays.asList(member.resolve(Map.of("Ref", "HubRoleArns")).split(",")));
        assertThat(admitted).isEqualTo(trusted)
                .doesNotContain(stack.roleArn("RegisterMemberFunctionRole"), stack.roleArn("TriggerRole"),
                        stack.roleArn("EnsureCaFunctionRole"));
    }

    /**
     * The hub's half of the trust: exactly the roles the member role trusts may call AssumeRole on it, and only on the
     * member role's name (in any account, since members are many): nothing else of another account can be assumed.
     */
    @Test
    void assumeOfMemberRoles_whenDeployed_isGrantedToExactlyTheTrustedRolesOnTheMemberRoleOnly() {
        ClusterAccessTrustTest.Stack stack = new ClusterAccessTrustTest.Stack(hub, "mesh-onboarder", "us-east-1");
        Template deployed = hub.deployedAs("mesh-onboarder", "us-east-1");
        Set<String> granted = new TreeSet<>();
        for (var function : hub.resources("AWS::Serverless::Function").entrySet()) {
            Object policies = Template.map(function.getValue(), "Properties").get("Policies");
            for (Object policy : policies instanceof List<?> l ? l : List.of()) {
                if (assumesMemberRoles(deployed, Template.cast(policy))) {
                    granted.add(stack.roleArn(function.getKey() + "Role"));
                }
            }
        }
        for (var role : hub.resources("AWS::IAM::Role").entrySet()) {
            Object policies = Template.map(role.getValue(), "Properties").get("Policies");
            for (Object policy : policies instanceof List<?> l ? l : List.of()) {
                if (assumesMemberRoles(deployed, Template.map(Template.cast(policy), "PolicyDocument"))) {
                    granted.add(stack.roleArn(role.getKey()));
                }
            }
        }

        assertThat(granted).isEqualTo(trustedByHub(stack));
    }

    /** Whether a document lets its holder assume another account's role; if so, the member role only. */
    private static boolean assumesMemberRoles(Template deployed, Map<String, Object> document) {
        boolean assumes = false;
        for (Object s : (List<?>) document.getOrDefault("Statement", List.of())) {
            Map<String, Object> statement = Template.cast(s);
            Object action = statement.get("Action");
            if (!(action instanceof List<?> l ? l.contains("sts:AssumeRole") : "sts:AssumeRole".equals(action))) {
                continue;
            }
            String resource = deployed.resolve(statement.get("Resource"));
            if (resource.startsWith("arn:aws:iam::*:")) {
                assertThat(resource).as("the one role of another account the hub may assume")
                        .isEqualTo("arn:aws:iam::*:role/mesh-onboarder-member");
                assertThat(statement).containsOnlyKeys("Effect", "Action", "Resource");
                assumes = true;
            }
        }
        return assumes;
    }

    /**
     * The one other role of another account the hub may assume: OrganizationsRoleArn, exactly, by Resolve alone, when
     * it is set. Empty, Resolve asks Organizations itself (organizations:ListParents) and assumes nothing more.
     */
    @Test
    void organizationsRole_whenSet_isAssumedByResolveAloneOnExactlyThatRole() {
        String role = "arn:aws:iam::999988887777:role/organization-reader";
        Template without = hub.deployedAs("mesh-onboarder", "us-east-1");
        Template withRole = without.withParameters(Map.of("OrganizationsRoleArn", role));

        assertThat(granting(withRole, "sts:AssumeRole", role)).containsExactly("ResolveFunction");
        assertThat(granting(withRole, "organizations:ListParents", "*")).isEmpty();
        assertThat(granting(without, "organizations:ListParents", "*")).containsExactly("ResolveFunction");
        assertThat(granting(without, "sts:AssumeRole", role)).isEmpty();
    }

    /** The functions whose evaluated policies allow {@code action} on exactly {@code resource}. */
    private static Set<String> granting(Template deployed, String action, String resource) {
        Set<String> functions = new TreeSet<>();
        for (var function : deployed.resources("AWS::Serverless::Function").entrySet()) {
            Object policies = deployed.evaluate(Template.map(function.getValue(), "Properties").get("Policies"),
                    attribute -> "arn:aws:dynamodb:us-east-1:" + HUB + ":table/" + attribute);
            for (Object policy : policies instanceof List<?> l ? l : List.of()) {
                Object statements = policy instanceof Map<?, ?> m ? m.get("Statement") : null;
                for (Object s : statements instanceof List<?> l ? l : List.of()) {
                    Map<String, Object> statement = Template.cast(s);
                    Object actions = statement.get("Action");
                    if ((actions instanceof List<?> l ? l.contains(action) : action.equals(actions))
                            && resource.equals(statement.get("Resource"))) {
                        functions.add(function.getKey());
                    }
                }
            }
        }
        return functions;
    }

    /** CloudFormation applies a list parameter's AllowedPattern to each element: no wildcard gets into the trust. */
    @ParameterizedTest
    @CsvSource({
        "arn:aws:iam::123456789012:role/mesh-onboarder-ResolveFunctionRole-ABC123, true",
        "arn:aws-us-gov:iam::123456789012:role/path/name,                        true",
        "*,                                                                        false",
        "123456789012,                                                             false",
        "arn:aws:iam::123456789012:root,                                           false",
        "arn:aws:iam::123456789012:role/mesh-onboarder-*,                          false",
        "arn:aws:iam::*:role/mesh-onboarder-member,                                false",
        "arn:aws:sts::123456789012:assumed-role/x/y,                               false",
    })
    void hubRoleArns_whenGiven_acceptsRoleArnsOnly(String value, boolean accepted) {
        String pattern = member("").parameterDefinitions().get("HubRoleArns").get("AllowedPattern").toString();

        assertThat(value.matches(pattern)).isEqualTo(accepted);
    }

    /** IAM quotas: a role trust policy is at most 2,048 characters by default, whitespace not counted. */
    @Test
    void memberRoleTrust_whenLongestHubStackNameInGovCloud_fitsIamsTrustPolicyLength() {
        ClusterAccessTrustTest.Stack stack = new ClusterAccessTrustTest.Stack(hub, LONGEST_STACK_NAME, "us-gov-west-1");
        List<String> trusted = List.copyOf(trustedByHub(stack));
        Map<String, Object> document = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow", "Principal", Map.of("AWS", trusted), "Action", "sts:AssumeRole")));

        String rendered = Json.MAPPER.valueToTree(document).toString();

        assertThat(rendered).contains("arn:aws-us-gov:iam::" + HUB + ":role/mesh-onboarder-x");
        assertThat(rendered.length()).isLessThan(2048);
    }

    /** The member role may make the EKS and EC2 calls of the hub's functions, in its own account, and no others. */
    @Test
    void memberRole_whenComparedWithTheHubsFunctions_grantsTheirEksAndEc2CallsInItsOwnAccount() {
        Set<String> hubCalls = new TreeSet<>();
        hub.resources("AWS::Serverless::Function").values()
                .forEach(f -> hubCalls.addAll(eksAndEc2Actions(Template.map(f, "Properties").get("Policies"))));
        Template member = member("");
        Object policies = member.properties("MemberRole").get("Policies");

        assertThat(eksAndEc2Actions(policies)).isEqualTo(hubCalls);
        for (Object policy : (List<?>) policies) {
            for (Object s : (List<?>) Template.map(Template.cast(policy), "PolicyDocument").get("Statement")) {
                Map<String, Object> statement = Template.cast(s);
                List<?> actions = statement.get("Action") instanceof List<?> l ? l : List.of(statement.get("Action"));
                List<?> resources = statement.get("Resource") instanceof List<?> l ? l : List.of(statement.get("Resource"));
                for (Object resource : resources) {
                    String text = member.resolve(resource);
                    if (text.equals("*")) {
                        // only EC2's Describe calls and EKS's ListClusters, which take no resource-level permissions
                        // (Service Authorization Reference, Amazon EC2 and Amazon EKS)
                        assertThat(actions).allSatisfy(a -> assertThat(a.toString())
                                .matches("ec2:Describe.*|eks:ListClusters"));
                    } else {
                        assertThat(text).startsWith("arn:aws:eks:*:" + HUB + ":");
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ the hub's bus policy

    @Test
    void busPolicy_whenNoOrganizationAndNoAccounts_admitsNoOne() {
        Conditions conditions = new Conditions(hub);

        assertThat(conditions.created("AWS::Events::EventBusPolicy")).isEmpty();
    }

    static Stream<Arguments> admissions() {
        return Stream.of(
                Arguments.of(Map.of("OrganizationId", "o-a1b2c3d4e5"), Set.of("OrganizationBusPolicy")),
                Arguments.of(Map.of("MemberAccountIds", "111111111111,222222222222"), Set.of("MemberAccountsBusPolicy")),
                Arguments.of(Map.of("OrganizationId", "o-a1b2c3d4e5", "MemberAccountIds", "111111111111"),
                        Set.of("OrganizationBusPolicy", "MemberAccountsBusPolicy")));
    }

    @ParameterizedTest
    @MethodSource("admissions")
    void busPolicy_whenOrganizationOrAccountsGiven_admitsThemOnlyAndOnlyForEksEvents(Map<String, String> parameters,
                                                                                 Set<String> statements) {
        Template stack = hub.withParameters(parameters);
        var created = new Conditions(stack).created("AWS::Events::EventBusPolicy");

        assertThat(created.keySet()).isEqualTo(statements);
        for (var policy : created.entrySet()) {
            Map<String, Object> properties = Template.map(policy.getValue(), "Properties");
            Map<String, Object> statement = Template.map(properties, "Statement");
            assertThat(properties.get("EventBusName")).isEqualTo("default");
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            assertThat(statement.get("Action")).isEqualTo("events:PutEvents");
            assertThat(stack.resolve(statement.get("Resource")))
                    .isEqualTo("arn:aws:events:us-east-1:" + HUB + ":event-bus/default");
            Map<String, Object> condition = Template.map(statement, "Condition");
            assertThat(Template.map(condition, "ForAllValues:StringEquals"))
                    .isEqualTo(Map.of("events:source", List.of("aws.eks")));
            if (policy.getKey().equals("OrganizationBusPolicy")) {
                // "*" only under the organization's condition
                assertThat(statement.get("Principal")).isEqualTo("*");
                assertThat(stack.resolve(Template.map(condition, "StringEquals").get("aws:PrincipalOrgID")))
                        .isEqualTo(parameters.get("OrganizationId"));
            } else {
                Object principal = Template.map(statement, "Principal").get("AWS");
                assertThat(stack.resolve(principal).split(","))
                        .containsExactly(parameters.get("MemberAccountIds").split(","));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "OrganizationId,   o-a1b2c3d4e5, true",
        "OrganizationId,   '',           true",
        "OrganizationId,   '*',          false",
        "OrganizationId,   r-a1b2,       false",
        "MemberAccountIds, 111111111111, true",
        "MemberAccountIds, '*',          false",
        "MemberAccountIds, 11111111111,  false",
        "MemberAccountIds, arn:aws:iam::111111111111:root, false",
    })
    void busPolicyParameters_whenGiven_acceptOnlyAnOrganizationIdOrAccountIds(String parameter, String value,
                                                                            boolean accepted) {
        String pattern = hub.parameterDefinitions().get(parameter).get("AllowedPattern").toString();

        assertThat(value.matches(pattern)).isEqualTo(accepted);
    }

    // ------------------------------------------------------------------ helpers

    private Machine forwardRule() throws Exception {
        Template member = member("");
        Machine machine = new Machine();
        machine.addRule("ForwardClusterEventsRule",
                member.resolve(member.properties("ForwardClusterEventsRule").get("EventPattern")));
        return machine;
    }

    private Set<String> trustedByHub(ClusterAccessTrustTest.Stack stack) {
        Object value = Template.map(Template.map(hub.root(), "Outputs"), "MemberTrustedRoleArns").get("Value");
        return new TreeSet<>(Arrays.asList(stack.resolve(value).split(",")));
    }

    /** The eks: and ec2: actions the statements of a Policies list allow. */
    private static Set<String> eksAndEc2Actions(Object policies) {
        Set<String> actions = new TreeSet<>();
        String json = Json.MAPPER.valueToTree(policies == null ? List.of() : policies).toString();
        Matcher m = ACTION.matcher(json);
        while (m.find()) {
            actions.add(m.group(1));
        }
        return actions;
    }
}
