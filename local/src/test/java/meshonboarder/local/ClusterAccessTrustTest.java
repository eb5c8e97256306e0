package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import meshonboarder.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who can assume {@code ClusterAccessRole}, the cluster-admin of every member. No IAM runs here (moto evaluates no
 * trust policy), so this test deploys template.yaml on paper: it names every role a stack would create the way
 * CloudFormation and SAM do, puts other roles of the same account beside them (the same stack in another region,
 * roles made later whose names start with the stack name), and evaluates the trust policy over all of them with
 * IAM's matching rules. The trust must admit the roles of the Kubernetes-facing functions and nothing else.
 */
class ClusterAccessTrustTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final String ACCOUNT = LocalController.ACCOUNT;
    // CloudFormation: "[a-zA-Z][-a-zA-Z0-9]*", at most 128 characters
    private static final String LONGEST_STACK_NAME = "mesh-onboarder-" + "x".repeat(128 - "mesh-onboarder-".length());
    // The modules that hold the Kubernetes and Helm clients; the AWS-only step modules have none.
    private static final Set<String> KUBERNETES_MODULES = Set.of("cluster-steps", "istio-steps");
    // The trust policy as it was before issue 15, to show that this test catches it.
    private static final String OLD_TRUST = """
            Resources:
              ClusterAccessRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal:
                          AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root
                        Action: sts:AssumeRole
                        Condition:
                          ArnLike:
                            aws:PrincipalArn: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AWS::StackName}-*
            """;

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("mesh-onboarder", "us-east-1", "eu-west-1"),
                Arguments.of(LONGEST_STACK_NAME, "us-east-1", "eu-west-1"),
                // the same stack name in two regions of one account: each trusts its own functions only
                Arguments.of("mesh-onboarder", "eu-west-1", "us-east-1"),
                Arguments.of(LONGEST_STACK_NAME, "eu-west-1", "us-east-1"),
                Arguments.of("mesh-onboarder", "cn-north-1", "cn-northwest-1"),
                Arguments.of(LONGEST_STACK_NAME, "us-gov-west-1", "us-gov-east-1"));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void trust_whenDeployed_admitsExactlyTheKubernetesFacingFunctionsRoles(String stackName, String region, String twin) {
        Stack stack = new Stack(template, stackName, region);

        assertThat(admitted(stack, trustStatements(template), new Stack(template, stackName, twin)))
                .isEqualTo(stack.kubernetesFacingRoleArns())
                .hasSize(18);
    }

    @Test
    void oldTrust_whenLongStackName_admitsNoneOfTheFunctionsRoles(@TempDir Path dir) throws IOException {
        Stack stack = new Stack(template, LONGEST_STACK_NAME, "us-east-1");

        Set<String> admitted = admitted(stack, oldTrustStatements(dir), new Stack(template, LONGEST_STACK_NAME, "eu-west-1"));

        // every Kubernetes step would fail on AssumeRole: CloudFormation cut the stack name out of the role names
        assertThat(admitted).doesNotContainAnyElementsOf(stack.kubernetesFacingRoleArns());
        assertThat(admitted).isNotEqualTo(stack.kubernetesFacingRoleArns());
    }

    @Test
    void oldTrust_whenShortStackName_admitsRolesThatMustNotBeClusterAdmin(@TempDir Path dir) throws IOException {
        Stack stack = new Stack(template, "mesh-onboarder", "us-east-1");
        Stack twin = new Stack(template, "mesh-onboarder", "eu-west-1");

        Set<String> admitted = admitted(stack, oldTrustStatements(dir), twin);

        assertThat(admitted).containsAll(stack.kubernetesFacingRoleArns())
                .contains(stack.roleArn("ResolveFunctionRole"), stack.roleArn("TriggerRole"),
                        twin.roleArn("EnsureCaFunctionRole"), stack.arnOf("mesh-onboarder-made-later"));
        assertThat(admitted).isNotEqualTo(stack.kubernetesFacingRoleArns());
    }

    @Test
    void assumePolicy_whenDeployed_isOnExactlyTheRolesTheTrustAdmits() {
        Stack stack = new Stack(template, "mesh-onboarder", "us-east-1");
        Set<String> withAssume = new TreeSet<>();
        for (var policy : template.resources("AWS::IAM::Policy").entrySet()) {
            Map<String, Object> properties = Template.map(policy.getValue(), "Properties");
            if (grantsAssumeOfClusterAccessRole(properties.get("PolicyDocument"))) {
                for (Object role : (List<?>) properties.get("Roles")) {
                    withAssume.add(stack.roleArn(Template.cast(role).get("Ref").toString()));
                }
            }
        }
        // inline statements would make the function roles depend on ClusterAccessRole, and its trust on them (the
        // member roles' AssumeRole, on a name of other accounts, is MemberTemplateTest's)
        for (var function : template.resources("AWS::Serverless::Function").entrySet()) {
            Object policies = Template.map(function.getValue(), "Properties").get("Policies");
            for (Object policy : policies instanceof List<?> l ? l : List.of()) {
                if (policy instanceof Map<?, ?> document && document.get("Statement") instanceof List<?> statements) {
                    statements.stream().map(Template::cast)
                            .filter(st -> values(st.get("Action")).contains("sts:AssumeRole"))
                            .forEach(st -> assertThat(Json.MAPPER.valueToTree(st.get("Resource")).toString())
                                    .as(function.getKey()).doesNotContain("ClusterAccessRole"));
                }
            }
        }

        assertThat(withAssume).isEqualTo(stack.kubernetesFacingRoleArns());
    }

    @Test
    void trust_whenLongestStackNameInGovCloud_fitsIamsTrustPolicyLength() {
        Stack stack = new Stack(template, LONGEST_STACK_NAME, "us-gov-west-1");
        Object document = template.properties("ClusterAccessRole").get("AssumeRolePolicyDocument");

        String rendered = Json.MAPPER.valueToTree(resolved(stack, document)).toString();

        // IAM quotas: a role trust policy is at most 2,048 characters by default, whitespace not counted
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)
        assertThat(rendered).contains("arn:aws-us-gov:iam::" + ACCOUNT + ":role/mesh-onboarder-x");
        assertThat(rendered.length()).isLessThan(2048);
    }

    @Test
    void generatedName_whenLongestStackName_fitsIamsRoleNameLength() {
        Stack stack = new Stack(template, LONGEST_STACK_NAME, "us-east-1");

        assertThat(stack.roles.values()).allSatisfy(name -> assertThat(name.length()).isLessThanOrEqualTo(64));
        assertThat(stack.roles.get("EnsureCaFunctionRole")).doesNotStartWith(LONGEST_STACK_NAME);
    }

    // ------------------------------------------------------------------ the stack on paper

    /** The IAM roles one stack creates, named as CloudFormation names them, and the roles of the account beside. */
    static final class Stack {

        private final Template template;
        private final String stackName;
        private final String partition;
        private final Map<String, String> roles = new LinkedHashMap<>();
        private final Set<String> kubernetesFacing = new TreeSet<>();

        Stack(Template source, String stackName, String region) {
            this.template = source.deployedAs(stackName, region);
            this.stackName = stackName;
            this.partition = template.partition();
            // IAM is global: the random part is what tells two stacks of one name (in two regions) apart
            Random random = new Random((stackName + "@" + region).hashCode());
            template.resources("AWS::IAM::Role").keySet().forEach(id -> roles.put(id, generatedName(stackName, id, random)));
            for (var function : template.resources("AWS::Serverless::Function").entrySet()) {
                Map<String, Object> properties = Template.map(function.getValue(), "Properties");
                String role = roleOf(function.getKey(), properties);
                roles.putIfAbsent(role, generatedName(stackName, role, random));
                String module = Path.of(properties.get("CodeUri").toString()).getName(1).toString();
                if (KUBERNETES_MODULES.contains(module)) {
                    kubernetesFacing.add(role);
                }
            }
            for (var machine : template.resources("AWS::Serverless::StateMachine").entrySet()) {
                String role = roleOf(machine.getKey(), Template.map(machine.getValue(), "Properties"));
                roles.putIfAbsent(role, generatedName(stackName, role, random));
            }
        }

        // SAM: without a Role property, a function or state machine gets a generated role <LogicalId>Role
        // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html)
        private static String roleOf(String logicalId, Map<String, Object> properties) {
            Object role = properties.get("Role");
            if (role == null) {
                return logicalId + "Role";
            }
            String target = Template.cast(role).get("Fn::GetAtt").toString();
            return target.substring(0, target.indexOf('.'));
        }

        /**
         * An unnamed role's physical name: {@code <stack>-<logical id>-<random>}, the stack name (then the logical
         * id) shortened to keep IAM's 64 characters, as in aws/serverless-application-model issue 3261
         * ({@code my-stack-na-MyFunctionRole-X1X2X3X4X5X6X}). Where exactly CloudFormation cuts is not documented;
         * what this test relies on is that a name of 64 characters cannot hold a long stack name whole.
         */
        static String generatedName(String stackName, String logicalId, Random random) {
            StringBuilder suffix = new StringBuilder();
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            for (int i = 0; i < 13; i++) {
                suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int room = 64 - suffix.length() - 2;
            int stackPart = Math.min(stackName.length(), Math.max(room / 2, room - logicalId.length()));
            int idPart = Math.min(logicalId.length(), room - stackPart);
            return stackName.substring(0, stackPart) + "-" + logicalId.substring(0, idPart) + "-" + suffix;
        }

        String roleArn(String logicalId) {
            String name = roles.get(logicalId);
            assertThat(name).as("a role " + logicalId + " in the stack").isNotNull();
            return arnOf(name);
        }

        String arnOf(String roleName) {
            return "arn:" + partition + ":iam::" + ACCOUNT + ":role/" + roleName;
        }

        Set<String> roleArns() {
            Set<String> arns = new TreeSet<>();
            roles.keySet().forEach(id -> arns.add(roleArn(id)));
            return arns;
        }

        Set<String> kubernetesFacingRoleArns() {
            Set<String> arns = new TreeSet<>();
            kubernetesFacing.forEach(id -> arns.add(roleArn(id)));
            return arns;
        }

        /** A template value as this stack would have it: GetAtt of a role is that role's ARN. */
        String resolve(Object value) {
            return template.resolve(value, target -> {
                assertThat(target).as("only role ARNs are trusted").endsWith(".Arn");
                return roleArn(target.substring(0, target.indexOf('.')));
            });
        }
    }

    // ------------------------------------------------------------------ IAM's side

    /** Every role of the account, of the stack, of its twin in another region, and made later, that the trust admits. */
    private static Set<String> admitted(Stack stack, List<Map<String, Object>> statements, Stack twin) {
        Set<String> account = new TreeSet<>(stack.roleArns());
        account.addAll(twin.roleArns());
        // roles someone makes later: named after the stack, and named like a function's role but for the random part
        String later = stack.stackName + "-made-later";
        if (later.length() <= 64) {
            account.add(stack.arnOf(later));
        }
        String functionRole = stack.roles.get("EnsureCaFunctionRole");
        account.add(stack.arnOf(functionRole.substring(0, functionRole.length() - 4) + "ZZZZ"));
        account.add(stack.arnOf("Admin"));
        Set<String> admitted = new TreeSet<>();
        for (String caller : account) {
            if (allows(stack, statements, caller)) {
                admitted.add(caller);
            }
        }
        return admitted;
    }

    /**
     * IAM's verdict for sts:AssumeRole by a role (aws:PrincipalArn is the role's ARN, not the session's): an
     * explicit Deny wins, else one Allow whose Principal and Condition match. A Principal naming the account
     * admits every role of the account whose own policies allow AssumeRole, so it counts as admitting all of them.
     * Only what a trust policy of this template could use is modelled; anything else fails the test.
     */
    private static boolean allows(Stack stack, List<Map<String, Object>> statements, String caller) {
        boolean allowed = false;
        for (Map<String, Object> statement : statements) {
            boolean matches = actionMatches(statement.get("Action")) && principalMatches(stack, statement.get("Principal"), caller)
                    && conditionMatches(stack, Template.map(statement, "Condition"), caller);
            String effect = statement.get("Effect").toString();
            if (matches && effect.equals("Deny")) {
                return false;
            }
            allowed |= matches && effect.equals("Allow");
        }
        return allowed;
    }

    private static boolean actionMatches(Object action) {
        return values(action).stream().anyMatch(a -> like("sts:AssumeRole", a.toString()));
    }

    private static boolean principalMatches(Stack stack, Object principal, String caller) {
        if ("*".equals(principal)) {
            return true;
        }
        Map<String, Object> principals = Template.cast(principal);
        assertThat(principals.keySet()).as("principal kinds this model knows").isSubsetOf(Set.of("AWS", "Service"));
        for (Object value : values(principals.get("AWS"))) {
            String arn = stack.resolve(value);
            String account = "arn:" + stack.partition + ":iam::" + ACCOUNT + ":root";
            if (arn.equals(caller) || arn.equals(account) || arn.equals(ACCOUNT) || arn.equals("*")) {
                return true;
            }
        }
        return false;
    }

    // Condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
    private static boolean conditionMatches(Stack stack, Map<String, Object> condition, String caller) {
        for (var operator : condition.entrySet()) {
            for (var key : Template.cast(operator.getValue()).entrySet()) {
                assertThat(key.getKey()).as("condition keys this model knows").isEqualTo("aws:PrincipalArn");
                List<String> expected = values(key.getValue()).stream().map(stack::resolve).toList();
                boolean any = switch (operator.getKey()) {
                    case "ArnLike" -> expected.stream().anyMatch(e -> arnLike(caller, e));
                    case "ArnEquals", "StringEquals" -> expected.contains(caller);
                    case "StringLike" -> expected.stream().anyMatch(e -> like(caller, e));
                    default -> throw new AssertionError("condition operator not modelled: " + operator.getKey());
                };
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    // ArnLike: "each of the six colon-delimited components of the ARN is checked separately and each can include
    // multi-character match wildcards (*) or single-character match wildcards (?)"
    private static boolean arnLike(String arn, String pattern) {
        String[] a = arn.split(":", 6);
        String[] p = pattern.split(":", 6);
        if (a.length != 6 || p.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!like(a[i], p[i])) {
                return false;
            }
        }
        return true;
    }

    // Case-sensitive match with * (any run) and ? (one character), as IAM matches ARNs
    static boolean like(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    private static List<?> values(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    // ------------------------------------------------------------------ the template's side

    private static List<Map<String, Object>> trustStatements(Template template) {
        return statements(template.properties("ClusterAccessRole").get("AssumeRolePolicyDocument"));
    }

    private static List<Map<String, Object>> oldTrustStatements(Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("old-trust.yaml"), OLD_TRUST);
        return trustStatements(Template.read(file));
    }

    private static List<Map<String, Object>> statements(Object document) {
        List<Map<String, Object>> statements = new ArrayList<>();
        ((List<?>) Template.cast(document).get("Statement")).forEach(s -> statements.add(Template.cast(s)));
        return statements;
    }

    private static boolean grantsAssumeOfClusterAccessRole(Object document) {
        return statements(document).stream().anyMatch(s -> values(s.get("Action")).contains("sts:AssumeRole")
                && values(s.get("Resource")).stream().anyMatch(r -> r instanceof Map<?, ?> getAtt
                        && "ClusterAccessRole.Arn".equals(getAtt.get("Fn::GetAtt"))));
    }

    /** The document with every intrinsic function evaluated for the stack. */
    private static Object resolved(Stack stack, Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && (map.containsKey("Ref") || map.keySet().iterator().next().toString().startsWith("Fn::"))) {
                return stack.resolve(value);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), resolved(stack, v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> resolved(stack, v)).toList();
        }
        return value;
    }
}
