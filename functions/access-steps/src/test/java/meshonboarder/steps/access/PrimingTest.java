package meshonboarder.steps.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.Priming;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of GrantAccess: on the priming answers (no access entry yet, and CreateAccessEntry answers one)
 * it runs its whole request path, IAM's GetRole included; and it never throws.
 */
class PrimingTest {

    @Test
    void beforeCheckpoint_whenGrantAccess_runsTheWholeRequestPath() {
        GrantAccessHandler handler = new GrantAccessHandler(MotoServer.wiring(Map.of(
                "CLUSTER_ACCESS_ROLE_ARN", "arn:aws:iam::123456789012:role/access", "PARTITION", "aws")));

        assertThat(Priming.log(handler)).contains("GrantAccess primed in").contains("(ran through)");
    }
}
