package meshonboarder.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The name a cluster has in the mesh: the hub's keep theirs, other accounts' get a unique DNS-1123 label. */
class MeshNamesTest {

    private static final String HUB = "123456789012";
    private static final String MEMBER = "444455556666";
    /** Kubernetes' DNS-1123 label (k8s.io/apimachinery validation IsDNS1123Label): Secret names and label values. */
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @Test
    void of_whenTheHubsCluster_keepsItsEksName() {
        assertThat(MeshNames.of(HUB, HUB, "us-east-1", "Eks_1")).isEqualTo("Eks_1");
        assertThat(MeshNames.of(HUB, null, "eu-west-1", "eks-1")).isEqualTo("eks-1");
        assertThat(MeshNames.of(HUB, "", "eu-west-1", "eks-1")).isEqualTo("eks-1");
    }

    @Test
    void of_whenAnotherAccountsCluster_isTheNameWithAHashOfAccountRegionAndName() {
        String name = MeshNames.of(HUB, MEMBER, "eu-west-1", "eks-1");

        assertThat(name).matches("eks-1-[0-9a-f]{8}").matches(DNS_1123_LABEL);
        // stable: every step and every run computes the same name
        assertThat(MeshNames.of(HUB, MEMBER, "eu-west-1", "eks-1")).isEqualTo(name);
    }

    @Test
    void of_whenSameEksNameInAnotherAccountOrRegion_differs() {
        String member = MeshNames.of(HUB, MEMBER, "eu-west-1", "eks-1");

        assertThat(MeshNames.of(HUB, "777788889999", "eu-west-1", "eks-1")).isNotEqualTo(member);
        assertThat(MeshNames.of(HUB, MEMBER, "us-east-1", "eks-1")).isNotEqualTo(member);
        assertThat(member).isNotEqualTo("eks-1");
    }

    @Test
    void of_whenEksNameHasCapitalsUnderscoresOrIsLong_isStillADns1123Label() {
        assertThat(MeshNames.of(HUB, MEMBER, "eu-west-1", "Team_A_Cluster")).startsWith("team-a-cluster-")
                .matches(DNS_1123_LABEL);
        String longest = "A" + "b_".repeat(49) + "z"; // 100 characters, EKS's longest name
        String name = MeshNames.of(HUB, MEMBER, "eu-west-1", longest);
        assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL);
        // a cut that ends on '-' does not leave "--" before the hash
        String cutOnHyphen = "a".repeat(MeshNames.BASE_LENGTH - 1) + "_tail";
        assertThat(MeshNames.of(HUB, MEMBER, "eu-west-1", cutOnHyphen)).doesNotContain("--")
                .matches(DNS_1123_LABEL);
    }
}
