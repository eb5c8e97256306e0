package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The deployment jars that template.yaml's CodeUri names: each fits Lambda's limit of 250 MB (262,144,000 bytes) for
 * the unzipped package, the sum of its entries (Helm's native library alone is 93 MB); the light one, which most
 * steps load, stays small; and each carries the SDK of every AWS service its functions may call, and no other. The
 * jars are built in the package phase of the function modules, before this module's tests; when they were built
 * without shading (./run-local), there is nothing to check.
 */
class PackageSizeTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final long MB = 1024L * 1024L;
    private static final long LAMBDA_LIMIT = 250 * MB;
    /** The package of the light AWS steps (issue 21): at most this zipped, as MB is everywhere here (2^20 bytes). */
    private static final long LIGHT_LIMIT = 25 * MB;
    private static final Set<String> LIGHT_STEPS = Set.of("Resolve", "WaitActive", "RegisterMember", "ListPeers",
            "Announce");
    private static final Pattern SDK_SERVICE = Pattern.compile("^software/amazon/awssdk/services/([a-z0-9]+)/");
    /**
     * Calls a function makes with permissions the template does not grant: docs/iam.md, "Not granted by the template"
     * (InstallIstio's ECR pull tokens, for charts mirrored in ECR).
     */
    private static final Map<String, Set<String>> GRANTED_BY_THE_USER = Map.of("InstallIstioFunction", Set.of("ecr"));

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    @Test
    void codeUri_whenShaded_fitsLambdasUnzippedLimit() throws IOException {
        for (String uri : functionsByJar().keySet()) {
            long unzipped;
            try (ZipFile zip = new ZipFile(shaded(uri).toFile())) {
                unzipped = zip.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
            }
            assertThat(unzipped).as(uri + " unzipped (bytes)").isLessThan(LAMBDA_LIMIT);
        }
    }

    @Test
    void codeUri_whenLightSteps_isAtMost25MbZipped() throws IOException {
        for (String step : LIGHT_STEPS) {
            String uri = template.properties(step + "Function").get("CodeUri").toString();
            assertThat(Files.size(shaded(uri))).as(step + "'s package " + uri + " (bytes)").isLessThanOrEqualTo(LIGHT_LIMIT);
        }
    }

    /**
     * A function whose role may not call a service never calls it, so a package that carries that service's SDK for
     * none of its functions carries dead weight (the EC2 SDK, 78 MB unzipped, once rode in every AWS-only step); and a
     * function that may call a service whose SDK its package lacks fails with NoClassDefFoundError when it does.
     */
    @Test
    void codeUri_whenShaded_carriesTheSdkOfEveryServiceItsFunctionsMayCallAndNoOther() throws IOException {
        Map<String, Set<String>> permitted = permittedServices();
        Set<String> carriedAnywhere = new TreeSet<>();
        Map<String, Set<String>> carried = new TreeMap<>();
        for (String uri : functionsByJar().keySet()) {
            Set<String> services = new TreeSet<>();
            try (ZipFile zip = new ZipFile(shaded(uri).toFile())) {
                zip.stream().map(e -> SDK_SERVICE.matcher(e.getName())).filter(Matcher::find)
                        .forEach(m -> services.add(m.group(1)));
            }
            carried.put(uri, services);
            carriedAnywhere.addAll(services);
        }
        for (var jar : functionsByJar().entrySet()) {
            Set<String> mayCall = new TreeSet<>();
            jar.getValue().forEach(function -> mayCall.addAll(permitted.getOrDefault(function, Set.of())));
            // services no package has a client of (KMS, X-Ray) are called by AWS on the function's behalf
            mayCall.retainAll(carriedAnywhere);
            assertThat(carried.get(jar.getKey())).as(jar.getKey() + " (functions " + jar.getValue() + ")")
                    .isEqualTo(mayCall);
        }
    }

    private Map<String, List<String>> functionsByJar() {
        Map<String, List<String>> jars = new TreeMap<>();
        template.resources(FUNCTION).keySet().forEach(id -> jars.computeIfAbsent(
                template.properties(id).get("CodeUri").toString(), uri -> new ArrayList<>()).add(id));
        return jars;
    }

    private static Path shaded(String uri) throws IOException {
        Path jar = ROOT.resolve(uri);
        assumeTrue(Files.exists(jar) && Files.size(jar) > 5_000_000, uri + " is not a shaded jar here");
        return jar;
    }

    /**
     * The SDK services each function's role allows: its own Policies, the IAM policies attached to its role
     * ({@code <Function>Role}, as SAM names it: ClusterAccessAssumePolicy's sts:AssumeRole), and what the user grants.
     */
    private Map<String, Set<String>> permittedServices() {
        Map<String, Set<String>> permitted = new TreeMap<>();
        template.resources(FUNCTION).keySet().forEach(id -> {
            Set<String> services = new TreeSet<>(GRANTED_BY_THE_USER.getOrDefault(id, Set.of()));
            actions(template.properties(id).get("Policies")).forEach(action -> services.add(sdkService(action)));
            permitted.put(id, services);
        });
        template.resources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> properties = Template.map(policy, "Properties");
            List<String> actions = actions(properties.get("PolicyDocument"));
            for (Object role : (List<?>) properties.get("Roles")) {
                // a state machine's role (ReconcileMeshStartsItselfPolicy) has no package
                String function = Template.cast(role).get("Ref").toString().replaceFirst("Role$", "");
                actions.forEach(action -> permitted.computeIfPresent(function, (f, services) -> {
                    services.add(sdkService(action));
                    return services;
                }));
            }
        });
        return permitted;
    }

    /** Every action named under an {@code Action} key, whatever {@code Fn::If} holds it. */
    private static List<String> actions(Object node) {
        List<String> actions = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Action".equals(key)) {
                    if (value instanceof List<?> list) {
                        list.forEach(a -> actions.add(a.toString()));
                    } else {
                        actions.add(value.toString());
                    }
                } else {
                    actions.addAll(actions(value));
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> actions.addAll(actions(item)));
        }
        return actions;
    }

    /** The SDK's name of the service an IAM action belongs to ({@code events:PutEvents}: eventbridge). */
    private static String sdkService(String action) {
        String prefix = action.substring(0, action.indexOf(':'));
        return prefix.equals("events") ? "eventbridge" : prefix;
    }
}
