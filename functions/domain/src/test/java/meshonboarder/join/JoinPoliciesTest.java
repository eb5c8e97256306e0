package meshonboarder.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JoinPoliciesTest {

    private static final String HUB = "111122223333";

    @Test
    void forMesh_whenNoPolicies_admitsTheHubsAccountOnly() {
        JoinPolicies policies = JoinPolicies.parse(HUB, "");

        assertThat(policies.forMesh("mesh1")).isEqualTo(JoinPolicy.hubOnly(HUB));
        assertThat(policies.forMesh("mesh1").accounts()).containsExactly(HUB);
    }

    @Test
    void forMesh_whenMeshAndDefaultGiven_takesTheMeshsOwnElseTheDefault() {
        JoinPolicies policies = JoinPolicies.parse(HUB, """
                {"mesh1": {"accounts": ["444455556666", "*"], "regions": ["us-east-1", "eu-west-1"],
                           "ipFamilies": ["ipv4", "IPv6"], "requiredTags": {"env": "prod", "team": "*"},
                           "maxMembers": 12, "approval": true},
                 "*": {"organizationalUnits": ["ou-ab12-cd34ef56"]}}
                """);

        JoinPolicy mesh1 = policies.forMesh("mesh1");
        assertThat(mesh1.accounts()).containsExactlyInAnyOrder("444455556666", "*");
        assertThat(mesh1.admitsEveryAccount()).isTrue();
        assertThat(mesh1.regions()).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
        assertThat(mesh1.ipFamilies()).containsExactlyInAnyOrder(IpFamily.IPV4, IpFamily.IPV6);
        assertThat(mesh1.requiredTags()).isEqualTo(Map.of("env", "prod", "team", "*"));
        assertThat(mesh1.maxMembers()).isEqualTo(12);
        assertThat(mesh1.approval()).isTrue();
        // an OU alone names no account: the hub's is not added
        JoinPolicy other = policies.forMesh("mesh2");
        assertThat(other.accounts()).isEmpty();
        assertThat(other.organizationalUnits()).containsExactly("ou-ab12-cd34ef56");
        assertThat(other.approval()).isFalse();
    }

    @Test
    void forMesh_whenPolicyNamesNoAccountNorUnit_admitsTheHubsAccountAsWithout() {
        JoinPolicy policy = JoinPolicies.parse(HUB, "{\"mesh1\": {\"ipFamilies\": [\"ipv6\"]}}").forMesh("mesh1");

        assertThat(policy.accounts()).isEqualTo(Set.of(HUB));
        assertThat(policy.ipFamilies()).containsExactly(IpFamily.IPV6);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[]",
        "{\"mesh1\": []}",
        "{\"mesh1\": {\"acounts\": [\"444455556666\"]}}",
        "{\"mesh1\": {\"accounts\": \"444455556666\"}}",
        "{\"mesh1\": {\"accounts\": [\"4444\"]}}",
        "{\"mesh1\": {\"organizationalUnits\": [\"r-ab12\"]}}",
        "{\"mesh1\": {\"regions\": [\"Europe\"]}}",
        "{\"mesh1\": {\"ipFamilies\": [\"dual\"]}}",
        "{\"mesh1\": {\"requiredTags\": [\"env\"]}}",
        "{\"mesh1\": {\"requiredTags\": {\"env\": 1}}}",
        "{\"mesh1\": {\"maxMembers\": 0}}",
        "{\"mesh1\": {\"maxMembers\": 2.5}}",
        "{\"mesh1\": {\"maxMembers\": \"3\"}}",
        "{\"mesh1\": {\"approval\": \"yes\"}}",
    })
    void parse_whenMalformed_failsNamingTheParameterAndThePage(String json) {
        assertThatThrownBy(() -> JoinPolicies.parse(HUB, json))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("JOIN_POLICIES (template parameter JoinPolicies)")
                .hasMessageContaining("docs/join-policy.md");
    }

    @Test
    void hubAccount_whenNotSet_failsNamingTheVariable() {
        JoinPolicies policies = JoinPolicies.parse(null, "");

        assertThatThrownBy(policies::hubAccount).isInstanceOf(InvalidInput.class).hasMessageContaining("HUB_ACCOUNT_ID");
    }
}
