package meshonboarder.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Each function's live alias and the version it points to, published as SAM and CloudFormation publish them on a
 * stack create or update. A version keeps the configuration it was published with (Lambda Developer Guide, "Manage
 * Lambda function versions"), so a function called through {@code live} sees a stack update only when it publishes.
 *
 * <p>An update publishes a new version of a function when the version's logical id changes (SAM's hash of the
 * function's properties as written, parameter references unresolved: aws/serverless-application-model
 * {@code samtranslator/model/sam_resources.py}, {@code _construct_version}, issues 1640 and 3820) or when its
 * {@code Description} changes, a create-only property of {@code AWS::Lambda::Version} (CloudFormation's resource
 * schema): the version is replaced. {@code SamVersionsTest} checks both rules against SAM's own translator. A new
 * version whose configuration equals the live one fails the update, as CloudFormation does ("A version for this Lambda
 * function exists ... Modify the function to create a new version": aws/serverless-application-model issues 1375 and
 * 1497), and so does a description over the schema's 256 characters.
 */
public final class FunctionVersions {

    /** What the template's versions are described with: the digests of this resource (template.yaml). */
    static final String CONFIGURATIONS = "FunctionConfigurations";

    private static final int DESCRIPTION_LIMIT = 256;

    /**
     * A published version: its number, what SAM hashes into its logical id, its description, the configuration
     * Lambda froze in it (properties evaluated) and the environment its handler runs with.
     */
    public record Version(int number, Object hashed, String description, Map<String, Object> configuration,
                          Map<String, String> environment) {
    }

    private final Map<String, Version> live = new LinkedHashMap<>();

    /**
     * Creates or updates the stack's functions from the template (with its parameter values).
     *
     * @return the functions whose live alias moved to a new version
     * @throws IllegalStateException where CloudFormation would fail the update
     */
    public Set<String> deploy(Template template) {
        Map<String, Version> published = new LinkedHashMap<>();
        for (String function : template.resources("AWS::Serverless::Function").keySet()) {
            Version before = live.get(function);
            Map<String, Object> written = properties(template, function);
            Map<String, Object> configuration = configuration(template, written);
            String description = description(template, written);
            Object hashed = hashed(written, template);
            if (before != null && before.hashed().equals(hashed) && Objects.equals(before.description(), description)) {
                continue; // the version resource is unchanged: the unqualified function changes, live does not
            }
            if (description != null && description.length() > DESCRIPTION_LIMIT) {
                throw new IllegalStateException(function + ": a version's Description holds " + DESCRIPTION_LIMIT
                        + " characters, not " + description.length());
            }
            if (before != null && before.configuration().equals(configuration)) {
                throw new IllegalStateException(function + ": CloudFormation would fail the update - a new version"
                        + " with the live version's configuration (\"A version for this Lambda function exists\")");
            }
            published.put(function, new Version(before == null ? 1 : before.number() + 1, hashed, description,
                    configuration, template.environment(function)));
        }
        live.putAll(published);
        return published.keySet();
    }

    /** The version {@code live} points to. */
    public Version live(String function) {
        Version version = live.get(function);
        if (version == null) {
            throw new IllegalArgumentException("no function " + function);
        }
        return version;
    }

    /** A function's properties as written, the Globals merged in as SAM merges them. */
    static Map<String, Object> properties(Template template, String function) {
        Map<String, Object> globals = Template.map(Template.map(template.root(), "Globals"), "Function");
        return Template.cast(merge(globals, template.properties(function)));
    }

    // SAM's Globals: maps merge key by key, lists append, anything else (an intrinsic function too) is replaced
    private static Object merge(Object global, Object local) {
        if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l && !intrinsic(g) && !intrinsic(l)) {
            Map<String, Object> merged = new LinkedHashMap<>(Template.cast(g));
            Template.cast(l).forEach((k, v) -> merged.put(k, merged.containsKey(k) ? merge(merged.get(k), v) : v));
            return merged;
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> merged = new ArrayList<>(g);
            merged.addAll(l);
            return merged;
        }
        return local;
    }

    private static boolean intrinsic(Map<?, ?> map) {
        return map.size() == 1 && map.keySet().stream().map(Object::toString)
                .anyMatch(k -> k.equals("Ref") || k.equals("Condition") || k.startsWith("Fn::"));
    }

    /** What SAM hashes into the version's logical id, as written: {@code _construct_version}. */
    private static Object hashed(Map<String, Object> written, Template template) {
        if (Boolean.TRUE.equals(written.get("AutoPublishAliasAllProperties"))) {
            return lambdaProperties(written);
        }
        // without the flag: the code (parameter references resolved), Environment, MemorySize, SnapStart
        Map<String, Object> hashed = new LinkedHashMap<>();
        hashed.put("Code", template.resolve(written.get("CodeUri")));
        for (String key : List.of("Environment", "MemorySize", "SnapStart")) {
            if (written.containsKey(key)) {
                hashed.put(key, written.get(key));
            }
        }
        return hashed;
    }

    // the AWS::Lambda::Function's properties: SAM's own ones are not the function's
    private static Map<String, Object> lambdaProperties(Map<String, Object> written) {
        Map<String, Object> properties = new LinkedHashMap<>(written);
        List.of("AutoPublishAlias", "AutoPublishAliasAllProperties", "VersionDescription", "Policies", "Events")
                .forEach(properties::remove);
        return properties;
    }

    static Map<String, Object> configuration(Template template, String function) {
        return configuration(template, properties(template, function));
    }

    private static Map<String, Object> configuration(Template template, Map<String, Object> written) {
        return Template.cast(template.evaluate(lambdaProperties(written), template::localArn));
    }

    private static String description(Template template, Map<String, Object> written) {
        Object description = template.evaluate(written.get("VersionDescription"), target -> attribute(template, target));
        return description == null ? null : description.toString();
    }

    // FunctionConfigurations.<Function>: its digest, as the template's ConfigurationDigestFunction answers it (any
    // digest serves here: what matters is that it changes exactly when the values it is made of change)
    private static String attribute(Template template, String target) {
        String[] parts = target.split("\\.", 2);
        if (!parts[0].equals(CONFIGURATIONS)) {
            return template.localArn(target);
        }
        Map<String, Object> properties = template.properties(CONFIGURATIONS);
        if (!((List<?>) properties.get("Functions")).contains(parts[1])) {
            throw new IllegalStateException(CONFIGURATIONS + " answers no attribute " + parts[1]);
        }
        Object common = template.evaluate(properties.get("Common"), template::localArn);
        Object reads = template.evaluate(Template.map(properties, "Reads").getOrDefault(parts[1], List.of()),
                template::localArn);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(List.of(common, reads).toString().getBytes(StandardCharsets.UTF_8));
            return "configuration " + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
