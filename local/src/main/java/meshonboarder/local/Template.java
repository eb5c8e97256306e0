package meshonboarder.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * template.yaml as data, with CloudFormation's short tags ({@code !Ref}, {@code !Sub}, ...) read as their
 * long forms ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}). The local runner takes its functions,
 * environments, substitutions and rule patterns from here, so what runs locally is what would be deployed.
 */
public final class Template {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9:.]+)}");

    private final Map<String, Object> root;
    private final Map<String, String> parameterValues;
    private final String stackName;
    private final String region;

    private Template(Map<String, Object> root, Map<String, String> overrides) {
        this.root = root;
        this.parameterValues = new LinkedHashMap<>();
        map(root, "Parameters").forEach((name, definition) -> {
            Object value = ((Map<?, ?>) definition).get("Default");
            parameterValues.put(name, value == null ? "" : value.toString());
        });
        parameterValues.putAll(overrides);
        this.stackName = "mesh-onboarder";
        this.region = "us-east-1";
    }

    private Template(Template template, String stackName, String region) {
        this.root = template.root;
        this.parameterValues = template.parameterValues;
        this.stackName = stackName;
        this.region = region;
    }

    /** The same template with some parameter values changed, as a stack update with {@code --parameter-overrides}. */
    public Template withParameters(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(parameterValues);
        values.putAll(overrides);
        return new Template(root, values).deployedAs(stackName, region);
    }

    /** The same template as a stack of that name in that region: the pseudo parameters follow. */
    public Template deployedAs(String stackName, String region) {
        return new Template(this, stackName, region);
    }

    /** AWS::Partition, which CloudFormation takes from the stack's region (aws, aws-cn, aws-us-gov, ...). */
    public String partition() {
        return PartitionMetadata.of(Region.of(region)).id();
    }

    public static Template read(Path file) {
        return read(file, Map.of());
    }

    /** @param parameters parameter values that replace the defaults, as {@code sam deploy --parameter-overrides} would */
    public static Template read(Path file, Map<String, String> parameters) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Yaml yaml = new Yaml(new CloudFormationConstructor());
            Map<String, Object> root = yaml.load(reader);
            return new Template(root, parameters);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The whole template, as read (intrinsic functions as {@code Ref} / {@code Fn::...} maps). */
    public Map<String, Object> root() {
        return root;
    }

    public Map<String, String> parameters() {
        return Map.copyOf(parameterValues);
    }

    /** The Parameters section as written (Type, Default, AllowedValues, ...), in template order. */
    public Map<String, Map<String, Object>> parameterDefinitions() {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        map(root, "Parameters").forEach((name, definition) -> result.put(name, cast(definition)));
        return result;
    }

    /** Resources of one type, by logical id, in template order. */
    public Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        map(root, "Resources").forEach((id, resource) -> {
            Map<String, Object> r = cast(resource);
            if (type.equals(r.get("Type"))) {
                result.put(id, r);
            }
        });
        return result;
    }

    /** The name a table of the template gets when deployed (its Ref): {@code <stack>-<logical id>}. */
    public String tableName(String logicalId) {
        return stackName + "-" + logicalId;
    }

    public Map<String, Object> properties(String logicalId) {
        return map(map(map(root, "Resources"), logicalId), "Properties");
    }

    /** The environment a function gets: the Globals' variables, then its own, values resolved. */
    public Map<String, String> environment(String functionId) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> globals = map(map(map(root, "Globals"), "Function"), "Environment");
        map(globals, "Variables").forEach((k, v) -> env.put(k, resolve(v)));
        map(map(properties(functionId), "Environment"), "Variables").forEach((k, v) -> env.put(k, resolve(v)));
        return env;
    }

    /**
     * A value with intrinsic functions evaluated the way CloudFormation would for what this template uses:
     * Ref to parameters and pseudo parameters, Fn::Sub (with or without its variables), Fn::Join, Fn::Select over
     * Fn::Split, Fn::GetAtt (as a local ARN).
     */
    public String resolve(Object value) {
        return resolve(value, this::localArn);
    }

    // What the local runner gives a GetAtt: an ARN in the stack's partition and account
    String localArn(String target) {
        return "arn:" + partition() + ":iam::" + LocalController.ACCOUNT + ":role/local-" + target.substring(0, target.indexOf('.'));
    }

    /** @param attributes the value of each {@code Fn::GetAtt} target ({@code "MyRole.Arn"}) */
    public String resolve(Object value, Function<String, String> attributes) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        Map<String, Object> fn = cast(value);
        if (fn.containsKey("Ref")) {
            return ref(fn.get("Ref").toString());
        }
        if (fn.containsKey("Fn::Sub")) {
            if (fn.get("Fn::Sub") instanceof List<?> args) {
                // [text, {Name: value}]: the variables are resolved first, then stand in for ${Name}
                Map<String, String> variables = new LinkedHashMap<>();
                cast(args.get(1)).forEach((k, v) -> variables.put(k, resolve(v, attributes)));
                return substitute(args.get(0).toString(), variables, attributes);
            }
            return substitute(fn.get("Fn::Sub").toString(), Map.of(), attributes);
        }
        if (fn.containsKey("Fn::Select")) {
            List<?> args = (List<?>) fn.get("Fn::Select");
            List<String> items = split(args.get(1), attributes);
            return items.get(Integer.parseInt(args.get(0).toString()));
        }
        if (fn.containsKey("Fn::Join")) {
            List<?> args = (List<?>) fn.get("Fn::Join");
            Object items = args.get(1);
            List<String> parts = new ArrayList<>();
            if (items instanceof List<?> list) {
                list.forEach(i -> parts.add(resolve(i, attributes)));
            } else {
                parts.add(resolve(items, attributes));
            }
            return String.join(args.get(0).toString(), parts);
        }
        if (fn.containsKey("Fn::GetAtt")) {
            return attributes.apply(fn.get("Fn::GetAtt").toString());
        }
        throw new IllegalArgumentException("the local runner cannot evaluate " + value);
    }

    /**
     * A value as CloudFormation hands it to a resource: intrinsic functions evaluated as {@link #resolve} does, and
     * also {@code Fn::If} by the template's Conditions, lists and maps kept, a list parameter's {@code Ref} a list,
     * {@code AWS::NoValue} left out (null at the top).
     */
    public Object evaluate(Object value, Function<String, String> attributes) {
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.stream().map(i -> evaluate(i, attributes)).filter(Objects::nonNull).forEach(items::add);
            return items;
        }
        if (!(value instanceof Map<?, ?>)) {
            return value == null ? null : value.toString();
        }
        Map<String, Object> map = cast(value);
        if (map.containsKey("Fn::If")) {
            List<?> args = (List<?>) map.get("Fn::If");
            return evaluate(condition(args.get(0).toString()) ? args.get(1) : args.get(2), attributes);
        }
        if (map.containsKey("Ref")) {
            String name = map.get("Ref").toString();
            if (name.equals("AWS::NoValue")) {
                return null;
            }
            if (map(root, "Resources").containsKey(name)) {
                return name; // a resource's physical id: the local runner names it after its logical id
            }
            Object type = map(map(root, "Parameters"), name).get("Type");
            if (type != null && (type.equals("CommaDelimitedList") || type.toString().startsWith("List<"))) {
                return List.of(ref(name).split(",", -1));
            }
        }
        if (map.containsKey("Ref") || (map.size() == 1 && map.keySet().iterator().next().startsWith("Fn::"))) {
            return resolve(value, attributes);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object evaluated = evaluate(v, attributes);
            if (evaluated != null) {
                result.put(k, evaluated);
            }
        });
        return result;
    }

    /** A condition of the template's Conditions, with the stack's parameter values. */
    public boolean condition(String name) {
        Object definition = map(root, "Conditions").get(name);
        if (definition == null) {
            throw new IllegalArgumentException("unknown condition " + name);
        }
        return test(definition);
    }

    private boolean test(Object definition) {
        Map<String, Object> fn = cast(definition);
        if (fn.containsKey("Condition")) {
            return condition(fn.get("Condition").toString());
        }
        if (fn.containsKey("Fn::Equals")) {
            List<?> args = (List<?>) fn.get("Fn::Equals");
            return resolve(args.get(0)).equals(resolve(args.get(1)));
        }
        if (fn.containsKey("Fn::Not")) {
            return !test(((List<?>) fn.get("Fn::Not")).get(0));
        }
        if (fn.containsKey("Fn::And")) {
            return ((List<?>) fn.get("Fn::And")).stream().allMatch(this::test);
        }
        if (fn.containsKey("Fn::Or")) {
            return ((List<?>) fn.get("Fn::Or")).stream().anyMatch(this::test);
        }
        throw new IllegalArgumentException("the local runner cannot evaluate the condition " + definition);
    }

    private List<String> split(Object value, Function<String, String> attributes) {
        Map<String, Object> fn = cast(value);
        List<?> args = (List<?>) fn.get("Fn::Split");
        if (args == null) {
            throw new IllegalArgumentException("the local runner selects only from Fn::Split: " + value);
        }
        return List.of(resolve(args.get(1), attributes).split(Pattern.quote(args.get(0).toString()), -1));
    }

    /** Fn::Sub over a string: parameters and pseudo parameters. */
    public String substitute(String text) {
        return substitute(text, Map.of(), this::localArn);
    }

    private String substitute(String text, Map<String, String> variables, Function<String, String> attributes) {
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            // ${Resource.Attribute} is a GetAtt, ${AWS::Region} a pseudo parameter
            String value = variables.containsKey(name) ? variables.get(name)
                    : name.contains(".") ? attributes.apply(name) : ref(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The stack's ARN, as CloudFormation gives it: a stack's id is fixed for its life, across updates. */
    public String stackId() {
        return "arn:" + partition() + ":cloudformation:" + region + ":" + LocalController.ACCOUNT + ":stack/" + stackName
                + "/" + UUID.nameUUIDFromBytes(stackName.getBytes(StandardCharsets.UTF_8));
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> LocalController.ACCOUNT;
            case "AWS::Partition" -> partition();
            case "AWS::StackName" -> stackName;
            case "AWS::StackId" -> stackId();
            default -> {
                if (parameterValues.containsKey(name)) {
                    yield parameterValues.get(name);
                }
                if (resources("AWS::DynamoDB::Table").containsKey(name)) {
                    yield tableName(name); // CloudFormation names a table without TableName after the stack
                }
                throw new IllegalArgumentException("unknown reference " + name);
            }
        };
    }

    public static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value == null ? Map.of() : cast(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    /** Reads {@code !Name value} as {@code {"Fn::Name": value}} ({@code !Ref} as {@code {"Ref": value}}). */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String key = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                        if (tag.equals("GetAtt")) {
                            value = value.toString();
                        }
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(key, value);
                }
            });
        }
    }
}
