package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import meshonboarder.access.GrantAccessService;
import meshonboarder.settings.ClusterAccessRole;
import meshonboarder.settings.Env;
import meshonboarder.settings.Partition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The partition comes from where the stack runs (AWS::Partition), in the template and in the code alike. */
class TemplatePartitionTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    @ParameterizedTest
    @CsvSource({"us-east-1, aws", "cn-north-1, aws-cn", "us-gov-west-1, aws-us-gov"})
    void environment_whenDeployedInARegion_givesEveryFunctionThatRegionsPartition(String region, String partition) {
        Template stack = template.deployedAs("mesh-onboarder", region);

        // PARTITION goes to the functions that read it (EnvironmentContractTest): those that get the role ARN
        var functions = stack.resources("AWS::Serverless::Function").keySet().stream()
                .filter(f -> stack.environment(f).containsKey("CLUSTER_ACCESS_ROLE_ARN")).toList();
        assertThat(functions).hasSize(19);
        for (String function : functions) {
            assertThat(stack.environment(function)).as(function).containsEntry(Partition.VARIABLE, partition);
        }
    }

    @ParameterizedTest
    @CsvSource({"us-east-1, aws", "cn-north-1, aws-cn", "us-gov-west-1, aws-us-gov"})
    void grantAccess_whenDeployedInARegion_grantsThatPartitionsRoleThatPartitionsAdminPolicy(String region,
                                                                                             String partition) {
        Env env = new Env(template.deployedAs("mesh-onboarder", region).environment("GrantAccessFunction"));

        assertThat(ClusterAccessRole.required(env).arn()).startsWith("arn:" + partition + ":iam::");
        assertThat(GrantAccessService.adminPolicy(Partition.of(env)))
                .isEqualTo("arn:" + partition + ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
    }

    @Test
    void templateAndStateMachines_whenRead_nameNoPartitionLiterally() throws IOException {
        List<Path> files;
        try (Stream<Path> asl = Files.list(ROOT.resolve("statemachine"))) {
            files = Stream.concat(Stream.of(ROOT.resolve("template.yaml"), ROOT.resolve("member/template.yaml")), asl)
                    .toList();
        }
        for (Path file : files) {
            // arn:${AWS::Partition}:... or a pattern such as arn:*:eks:...; never arn:aws:, arn:aws-cn:, ...
            assertThat(Files.readString(file)).as(file.toString()).doesNotContainPattern("arn:aws[a-z-]*:");
        }
    }
}
