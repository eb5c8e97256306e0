package meshonboarder.local.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import meshonboarder.testing.MotoProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The moto server of the local runner (local/moto_server.py) refuses the execution names Step Functions refuses, so a
 * name StartEachMesh builds for a child that AWS would refuse fails locally too. StartExecution API reference, name
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html): 1 to 80 characters; no
 * whitespace, brackets, wildcards, " # % \ ^ | ~ ` $ & , ; : / or control characters. A name and input of a running
 * execution start nothing new (the same page).
 */
class MotoExecutionNamesTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static MotoProcess moto;
    private static SfnClient sfn;
    private static String machine;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoProcess.start(ROOT.resolve("local/moto_server.py"), 0);
        sfn = SfnClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        machine = sfn.createStateMachine(r -> r.name("Waits").roleArn("arn:aws:iam::123456789012:role/local-states")
                .definition("{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 30, "
                        + "\"End\": true}}}")).stateMachineArn();
    }

    @AfterAll
    static void stop() {
        if (sfn != null) {
            sfn.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void startExecution_whenTheNameIsOver80CharactersOrHoldsAColonOrASpace_isRefused() {
        for (String name : new String[] {"m".repeat(81), "mesh1:run", "mesh 1", "mesh/1"}) {
            assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input("{}")))
                    .as(name).isInstanceOf(SfnException.class);
        }
    }

    @Test
    void startExecution_whenTheSameNameAndInputAgainWhileRunning_returnsTheSameExecution() {
        String name = "m".repeat(63) + "-0123456789abcdef";

        String first = sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input("{\"a\":1}")).executionArn();
        String again = sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input("{\"a\":1}")).executionArn();

        assertThat(name).hasSize(80);
        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input("{\"a\":2}")))
                .isInstanceOf(SfnException.class).hasMessageContaining("Execution Already Exists");
    }
}
