package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A parameter-only stack update reaches, through the {@code live} alias, exactly the functions whose configuration
 * the parameter changes: template.yaml describes each version with a digest of the parameter values its function
 * reads (FunctionConfigurations), so a new value replaces the version. On the template before that, no
 * parameter-only update reached any function. Versions are published by the local runner's rule
 * ({@link FunctionVersions}), which {@code SamVersionsTest} holds to SAM's own translator.
 */
class FunctionVersionsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Template TEMPLATE = Template.read(ROOT.resolve("template.yaml"));

    @Test
    void parameterOnlyUpdate_ofEachParameter_publishesExactlyTheFunctionsItsValueConcerns() {
        Map<String, Set<String>> reached = new LinkedHashMap<>();
        Map<String, Set<String>> concerned = new LinkedHashMap<>();
        for (String parameter : TEMPLATE.parameters().keySet()) {
            Template updated = TEMPLATE.withParameters(Map.of(parameter, otherValue(parameter)));
            concerned.put(parameter, changed(TEMPLATE, updated));
            reached.put(parameter, update(TEMPLATE, updated));
        }

        assertThat(reached).isEqualTo(concerned);
        assertThat(concerned.get("LogLevel")).hasSize(functions().size());
        assertThat(concerned.get("IstioVersion")).containsExactly("CheckIstioFunction", "InstallIstioFunction",
                "ResolveFunction");
        // SecurityGroupIds without SubnetIds: no VpcConfig (InVpc), so nothing changes and nothing is published
        assertThat(concerned.get("SecurityGroupIds")).isEmpty();
    }

    /** Setting SubnetIds and SecurityGroupIds on an existing stack puts every function's live version in the VPC. */
    @Test
    void parameterOnlyUpdate_intoTheVpc_movesEveryLiveVersionIntoIt() {
        FunctionVersions versions = new FunctionVersions();
        versions.deploy(TEMPLATE);

        Set<String> reached = versions.deploy(TEMPLATE.withParameters(Map.of("SubnetIds", "subnet-1,subnet-2",
                "SecurityGroupIds", "sg-1", "LogLevel", "DEBUG")));

        assertThat(reached).containsExactlyInAnyOrderElementsOf(functions());
        for (String function : functions()) {
            Map<String, Object> live = versions.live(function).configuration();
            assertThat(live.get("VpcConfig")).as(function)
                    .isEqualTo(Map.of("SubnetIds", List.of("subnet-1", "subnet-2"), "SecurityGroupIds", List.of("sg-1")));
            assertThat(Template.map(live, "LoggingConfig").get("ApplicationLogLevel")).isEqualTo("DEBUG");
            assertThat(versions.live(function).number()).isEqualTo(2);
        }
    }

    /** The template before FunctionConfigurations: SAM's hash saw {@code !Ref}, so no parameter reached any function. */
    @Test
    void parameterOnlyUpdate_withoutTheVersionDescriptions_reachesNoFunction() throws IOException {
        Template old = variant(text -> text.replaceAll("(?m)^      VersionDescription: .*\\n", ""));

        for (String parameter : old.parameters().keySet()) {
            assertThat(update(old, old.withParameters(Map.of(parameter, otherValue(parameter))))).as(parameter).isEmpty();
        }
        FunctionVersions versions = new FunctionVersions();
        versions.deploy(old);
        versions.deploy(old.withParameters(Map.of("LogLevel", "DEBUG")));
        assertThat(Template.map(versions.live("ResolveFunction").configuration(), "LoggingConfig")
                .get("ApplicationLogLevel")).isEqualTo("INFO");
    }

    /**
     * A digest that reads a value the function's configuration does not: the version is replaced, Lambda finds
     * nothing to publish, and CloudFormation fails the update ("A version for this Lambda function exists ... Modify
     * the function to create a new version": aws/serverless-application-model issues 1375 and 1497).
     */
    @Test
    void parameterOnlyUpdate_whenTheDigestReadsMoreThanTheConfiguration_failsAsCloudFormationDoes() throws IOException {
        Template loose = variant(text -> text.replace("        ReportReconcileFunction: [!Ref RootCaWarningDays]",
                "        ReportReconcileFunction: [!Ref RootCaWarningDays, !Ref LogRetentionDays]"));
        FunctionVersions versions = new FunctionVersions();
        versions.deploy(loose);

        assertThatThrownBy(() -> versions.deploy(loose.withParameters(Map.of("LogRetentionDays", "7"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ReportReconcileFunction").hasMessageContaining("A version for this Lambda");
    }

    private static Set<String> update(Template before, Template after) {
        FunctionVersions versions = new FunctionVersions();
        versions.deploy(before);
        Set<String> reached = new TreeSet<>(versions.deploy(after));
        reached.forEach(f -> assertThat(versions.live(f).configuration())
                .isEqualTo(FunctionVersions.configuration(after, f)));
        return reached;
    }

    private static Set<String> changed(Template before, Template after) {
        Set<String> changed = new TreeSet<>();
        for (String function : functions()) {
            if (!FunctionVersions.configuration(before, function).equals(FunctionVersions.configuration(after, function))) {
                changed.add(function);
            }
        }
        return changed;
    }

    private static Set<String> functions() {
        return TEMPLATE.resources("AWS::Serverless::Function").keySet();
    }

    // a value the parameter allows, other than its default
    private static String otherValue(String parameter) {
        Map<String, Object> definition = TEMPLATE.parameterDefinitions().get(parameter);
        String value = TEMPLATE.parameters().get(parameter);
        if (definition.get("AllowedValues") instanceof List<?> allowed) {
            return allowed.stream().map(Object::toString).filter(v -> !v.equals(value)).findFirst().orElseThrow();
        }
        if ("Number".equals(definition.get("Type"))) {
            return String.valueOf(Integer.parseInt(value) + 1);
        }
        return value.isEmpty() ? "changed-1" : value + "-changed";
    }

    private static Template variant(UnaryOperator<String> edit) throws IOException {
        String text = Files.readString(ROOT.resolve("template.yaml"));
        String edited = edit.apply(text);
        assertThat(edited).isNotEqualTo(text);
        Path file = Files.createTempFile("template", ".yaml");
        try {
            Files.writeString(file, edited);
            return Template.read(file);
        } finally {
            Files.delete(file);
        }
    }
}
