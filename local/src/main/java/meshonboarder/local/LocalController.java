package meshonboarder.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.json.Json;
import meshonboarder.local.standin.EksFront;
import meshonboarder.local.standin.LocalLambda;
import meshonboarder.local.standin.SimulatedCluster;
import meshonboarder.settings.Env;
import meshonboarder.testing.MotoProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The whole controller on this machine, as template.yaml describes it: every function of the template runs
 * in-process behind {@link LocalLambda}, built by the same constructor Lambda uses, with the environment the
 * template gives it; both state machines run in a moto server, from the real ASL with the template's
 * substitutions. Clusters are stand-in API servers ({@link SimulatedCluster}): EKS's DescribeCluster answers
 * with their endpoints and CAs ({@link EksFront}), so the production cluster access connects to them.
 */
public final class LocalController implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    /**
     * How long a new ClusterAccessRole stays an invalid principal to the stand-in EKS: none in the runner, which
     * refuses only a missing role. With a window, ReconcileScenario's GrantAccess right after the role is made again
     * deletes the old entry, is refused, and on its retry reports the entry CREATED instead of RECREATED.
     * GrantAccessPropagationTest sets its own window.
     */
    static final Duration ROLE_PROPAGATION = Duration.ZERO;

    private final LocalLambda lambda;
    private final MotoProcess moto;
    private volatile Template template;
    private Map<String, String> environment = Map.of();
    private final IamClient iam;
    private final AwsClients aws;
    private final SfnClient sfn;
    // straight to moto, past the local endpoint: reports what is running even when that endpoint is stuck
    private final SfnClient sfnDirect;
    private final Map<String, String> stateMachines = new LinkedHashMap<>();
    private final FunctionVersions versions = new FunctionVersions();

    private LocalController(LocalLambda lambda, MotoProcess moto, Template template, IamClient iam) {
        this.lambda = lambda;
        this.iam = iam;
        this.moto = moto;
        this.template = template;
        this.aws = new AwsClients(REGION, lambda.endpoint(), credentials());
        this.sfn = SfnClient.builder().region(Region.of(REGION))
                .endpointOverride(lambda.endpoint()).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.sfnDirect = SfnClient.builder().region(Region.of(REGION))
                .endpointOverride(moto.endpoint()).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * @param root        the project root (template.yaml, statemachine/, local/moto_server.py)
     * @param parameters  template parameter overrides (as {@code sam deploy --parameter-overrides})
     * @param environment extra environment for every function (for example a short POLL_INTERVAL_SECONDS)
     * @param clusters    the stand-in cluster of an EKS cluster name, or null
     */
    public static LocalController start(Path root, Map<String, String> parameters, Map<String, String> environment,
                                        Function<String, SimulatedCluster> clusters) throws IOException {
        LocalLambda lambda = new LocalLambda(0); // the system picks a free port: no race with a parallel fork
        MotoProcess moto;
        try {
            moto = MotoProcess.start(root.resolve("local/moto_server.py"), lambda.port());
        } catch (IOException | RuntimeException e) {
            lambda.close();
            throw e;
        }
        lambda.forwardTo(moto.endpoint());
        // straight to moto: the stand-in EKS's own look at IAM is no call of the controller's
        IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL)
                .endpointOverride(moto.endpoint()).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
        lambda.frontEks(new EksFront(clusters, iam, InstantSource.system(), ROLE_PROPAGATION));
        LocalController controller = new LocalController(lambda, moto, Template.read(root.resolve("template.yaml"), parameters), iam);
        try {
            controller.createClusterAccessRole();
            controller.createTables();
            controller.deployFunctions(environment);
            controller.deployStateMachines(root);
        } catch (IOException | RuntimeException e) {
            controller.close();
            throw e;
        }
        return controller;
    }

    /** The template's ClusterAccessRole in moto's IAM, as the stack creates it: with a role id and a creation date. */
    private void createClusterAccessRole() {
        iam.createRole(r -> r.roleName(clusterAccessRoleName()).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
    }

    /** The template's DynamoDB tables in moto, with their key schema as the template declares it. */
    private void createTables() {
        for (var table : template.resources("AWS::DynamoDB::Table").entrySet()) {
            Map<String, Object> properties = Template.map(table.getValue(), "Properties");
            List<AttributeDefinition> attributes = new ArrayList<>();
            for (Object a : (List<?>) properties.get("AttributeDefinitions")) {
                Map<String, Object> attribute = Template.cast(a);
                attributes.add(AttributeDefinition.builder().attributeName(attribute.get("AttributeName").toString())
                        .attributeType(attribute.get("AttributeType").toString()).build());
            }
            List<KeySchemaElement> keys = new ArrayList<>();
            for (Object k : (List<?>) properties.get("KeySchema")) {
                Map<String, Object> key = Template.cast(k);
                keys.add(KeySchemaElement.builder().attributeName(key.get("AttributeName").toString())
                        .keyType(key.get("KeyType").toString()).build());
            }
            aws.dynamoDb().createTable(t -> t.tableName(template.tableName(table.getKey()))
                    .billingMode(properties.get("BillingMode").toString())
                    .attributeDefinitions(attributes).keySchema(keys));
        }
    }

    /** The membership as the functions keep it: the mesh table. */
    public DynamoMeshMembers members() {
        return new DynamoMeshMembers(aws.dynamoDb(), template.tableName("MeshTable"));
    }

    /**
     * The stack deleted and deployed again: ClusterAccessRole is a new role with the same name (so the same ARN),
     * a new role id and a new creation date. Every access entry made for the old one stops matching.
     */
    public void recreateClusterAccessRole() {
        iam.deleteRole(r -> r.roleName(clusterAccessRoleName()));
        createClusterAccessRole();
    }

    private String clusterAccessRoleName() {
        String arn = template.environment("GrantAccessFunction").get("CLUSTER_ACCESS_ROLE_ARN");
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /** AWS clients pointed at this controller's AWS (moto behind the local endpoint). */
    public AwsClients aws() {
        return aws;
    }

    public LocalLambda lambda() {
        return lambda;
    }

    public Template template() {
        return template;
    }

    /** The template's EventBridge rules, as EventBridge would match them. */
    public Rules rules() {
        return new Rules(template);
    }

    public String stateMachineArn(String logicalId) {
        return stateMachines.get(logicalId);
    }

    /** The state machine's definition as deployed (the ASL with the template's substitutions). */
    public String definition(String stateMachine) {
        return sfn.describeStateMachine(r -> r.stateMachineArn(stateMachineArn(stateMachine))).definition();
    }

    public String start(String stateMachine, String input) {
        return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn(stateMachine)).input(input)
                .name("exec-" + System.nanoTime())).executionArn();
    }

    /** Waits (polling moto) until the execution has ended. */
    public DescribeExecutionResponse await(String executionArn, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline) || !pause()) {
                return execution;
            }
        }
    }

    /** Waits (polling moto) until the execution enters the state; false when it ended, or the time-out passed, first. */
    public boolean awaitEntered(String executionArn, String state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!statesEntered(executionArn).contains(state)) {
            if (describe(executionArn).status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline) || !pause()) {
                return false;
            }
        }
        return true;
    }

    /** A moment between two looks at moto; false when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A person's approval of a held onboarding, as {@code aws stepfunctions send-task-success} gives it. */
    public void sendTaskSuccess(String taskToken) {
        sfn.sendTaskSuccess(r -> r.taskToken(taskToken).output("{}"));
    }

    /** A person's denial, as {@code aws stepfunctions send-task-failure --error <error>} gives it. */
    public void sendTaskFailure(String taskToken, String error) {
        sfn.sendTaskFailure(r -> r.taskToken(taskToken).error(error));
    }

    /** How many executions of the template's state machine were started, by anyone. */
    public int executionCount(String stateMachine) {
        return (int) sfn.listExecutionsPaginator(r -> r.stateMachineArn(stateMachineArn(stateMachine))).executions()
                .stream().count();
    }

    /** The executions of the template's state machine started so far, by anyone (newest first, as Step Functions lists). */
    public List<String> executions(String stateMachine) {
        return sfn.listExecutionsPaginator(r -> r.stateMachineArn(stateMachineArn(stateMachine))).executions()
                .stream().map(e -> e.executionArn()).toList();
    }

    /**
     * The child executions a ReconcileMesh run for every mesh (schedule, deploy) started, one per mesh
     * (StartEachMesh), read from its output; none for any other run, or a mesh whose child could not be started.
     */
    public List<String> children(DescribeExecutionResponse run) {
        if (run == null || run.output() == null) {
            return List.of();
        }
        try {
            return Json.MAPPER.readTree(run.output()).path("reconciles").findValuesAsText("executionArn");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DescribeExecutionResponse describe(String executionArn) {
        return sfn.describeExecution(r -> r.executionArn(executionArn));
    }

    public List<HistoryEvent> history(String executionArn) {
        return sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream().toList();
    }

    /**
     * What an execution weighs against Step Functions' quotas: its largest state input or output (UTF-8 bytes; over
     * 256 KiB a state fails with States.DataLimitExceeded) and its history events (at most 25,000 in a Standard
     * execution). https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
     */
    public record Footprint(String largestState, int largestBytes, int events) {

        public static final int MAX_STATE_BYTES = 256 * 1024;
        public static final int MAX_EVENTS = 25_000;
    }

    public Footprint footprint(String executionArn) {
        List<HistoryEvent> events = history(executionArn);
        String largest = null;
        int bytes = 0;
        for (HistoryEvent e : events) {
            String name = null;
            String text = null;
            if (e.stateEnteredEventDetails() != null) {
                name = e.stateEnteredEventDetails().name();
                text = e.stateEnteredEventDetails().input();
            } else if (e.stateExitedEventDetails() != null) {
                name = e.stateExitedEventDetails().name();
                text = e.stateExitedEventDetails().output();
            }
            int size = text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
            if (size > bytes) {
                bytes = size;
                largest = name;
            }
        }
        return new Footprint(largest, bytes, events.size());
    }

    /**
     * Every input and output the execution's history keeps (the SDK's toString hides them as sensitive), one
     * per line: what anybody with states:GetExecutionHistory can read.
     */
    public String stateText(String executionArn) {
        StringBuilder text = new StringBuilder();
        for (HistoryEvent e : history(executionArn)) {
            Stream.of(
                    e.executionStartedEventDetails() == null ? null : e.executionStartedEventDetails().input(),
                    e.executionSucceededEventDetails() == null ? null : e.executionSucceededEventDetails().output(),
                    e.executionFailedEventDetails() == null ? null : e.executionFailedEventDetails().cause(),
                    e.stateEnteredEventDetails() == null ? null : e.stateEnteredEventDetails().input(),
                    e.stateExitedEventDetails() == null ? null : e.stateExitedEventDetails().output(),
                    e.lambdaFunctionScheduledEventDetails() == null ? null : e.lambdaFunctionScheduledEventDetails().input(),
                    e.lambdaFunctionSucceededEventDetails() == null ? null : e.lambdaFunctionSucceededEventDetails().output(),
                    e.lambdaFunctionFailedEventDetails() == null ? null : e.lambdaFunctionFailedEventDetails().cause(),
                    e.taskScheduledEventDetails() == null ? null : e.taskScheduledEventDetails().parameters(),
                    e.taskSucceededEventDetails() == null ? null : e.taskSucceededEventDetails().output(),
                    e.taskFailedEventDetails() == null ? null : e.taskFailedEventDetails().cause())
                    .filter(Objects::nonNull).forEach(t -> text.append(t).append('\n'));
        }
        return text.toString();
    }

    /**
     * The execution's status and the states it is in (entered, not yet exited; a Map state's iterations each
     * count), asked of moto directly so that it answers even when the local endpoint does not: for a time-out's
     * message. Example: {@code RUNNING in [ExchangeWithEachPeer, ExchangeRemoteSecrets x2]}.
     */
    public String whereIs(String executionArn) {
        try {
            ExecutionStatus status = sfnDirect.describeExecution(r -> r.executionArn(executionArn)).status();
            Map<String, Integer> open = new LinkedHashMap<>();
            for (HistoryEvent e : sfnDirect.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events()) {
                if (e.stateEnteredEventDetails() != null) {
                    open.merge(e.stateEnteredEventDetails().name(), 1, Integer::sum);
                } else if (e.stateExitedEventDetails() != null) {
                    open.merge(e.stateExitedEventDetails().name(), -1, Integer::sum);
                }
            }
            List<String> states = open.entrySet().stream().filter(s -> s.getValue() > 0)
                    .map(s -> s.getKey() + (s.getValue() > 1 ? " x" + s.getValue() : "")).toList();
            return status + (status == ExecutionStatus.RUNNING ? " in " + states : "");
        } catch (RuntimeException e) {
            return "unknown (moto did not answer: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** Names of the states the execution entered, in order. */
    public List<String> statesEntered(String executionArn) {
        return history(executionArn).stream().filter(e -> e.stateEnteredEventDetails() != null)
                .map(e -> e.stateEnteredEventDetails().name()).toList();
    }

    /**
     * A stack update that changes parameter values only ({@code sam deploy --parameter-overrides}): the functions it
     * publishes a new version of ({@link FunctionVersions}) run with their new configuration; the others, called
     * through their {@code live} alias, keep the one of their version. The state machines stay as they are.
     *
     * @return the functions whose live alias moved to a new version
     */
    public Set<String> updateParameters(Map<String, String> overrides) {
        template = template.withParameters(overrides);
        return deployFunctions(environment);
    }

    /** Each function's live version. */
    public FunctionVersions versions() {
        return versions;
    }

    /** Every function's live version in place again, after a test stood in a handler of its own. */
    public void restoreFunctions() {
        template.resources("AWS::Serverless::Function").keySet().forEach(this::register);
    }

    private Set<String> deployFunctions(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        Set<String> published = versions.deploy(template);
        published.forEach(this::register);
        return published;
    }

    // the handler runs with its live version's environment: the one it was published with
    private void register(String id) {
        Map<String, String> env = new HashMap<>(versions.live(id).environment());
        env.put("AWS_REGION", REGION);
        env.putAll(environment);
        Wiring wiring = new Wiring(new Env(env), new AwsClients(REGION, lambda.endpoint(), credentials()));
        lambda.register(id, instantiate(template.properties(id).get("Handler").toString(), wiring));
    }

    /** The handler as Lambda builds it, but with this machine's wiring (its constructor taking a Wiring). */
    private static RequestStreamHandler instantiate(String handler, Wiring wiring) {
        String className = handler.substring(0, handler.indexOf("::"));
        try {
            return (RequestStreamHandler) Class.forName(className).getConstructor(Wiring.class).newInstance(wiring);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build handler " + className, e);
        }
    }

    private void deployStateMachines(Path root) throws IOException {
        for (var machine : template.resources("AWS::Serverless::StateMachine").entrySet()) {
            Map<String, Object> properties = Template.map(machine.getValue(), "Properties");
            String definition = Files.readString(root.resolve(properties.get("DefinitionUri").toString()));
            for (var substitution : Template.map(properties, "DefinitionSubstitutions").entrySet()) {
                Object ref = Template.cast(substitution.getValue()).get("Ref");
                // a function's alias (Function.Alias), a state machine deployed before this one, a parameter, or a
                // service integration's ARN (Fn::Sub)
                String value;
                if (ref == null || template.parameters().containsKey(ref.toString())) {
                    value = template.resolve(substitution.getValue());
                } else if (ref.toString().endsWith(".Alias")) {
                    value = "arn:" + template.partition() + ":lambda:" + REGION + ":" + ACCOUNT + ":function:"
                            + ref.toString().substring(0, ref.toString().indexOf('.'));
                } else if (stateMachines.containsKey(ref.toString())) {
                    value = stateMachines.get(ref.toString());
                } else {
                    throw new IllegalStateException(machine.getKey() + " refers to " + ref
                            + ", which is no function alias, parameter nor a state machine declared before it");
                }
                definition = definition.replace("${" + substitution.getKey() + "}", value);
            }
            String asl = definition;
            String arn = sfn.createStateMachine(r -> r.name(machine.getKey()).definition(asl)
                    .roleArn("arn:" + template.partition() + ":iam::" + ACCOUNT + ":role/local-states")).stateMachineArn();
            stateMachines.put(machine.getKey(), arn);
        }
    }

    @Override
    public void close() {
        sfn.close();
        sfnDirect.close();
        iam.close();
        lambda.close();
        moto.close();
    }
}
