package meshonboarder.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import meshonboarder.cluster.IpFamily;
import meshonboarder.istio.LoadBalancerScheme;
import meshonboarder.json.Json;
import org.junit.jupiter.api.Test;

class NetworkFactsTest {

    private static MemberNetwork member(String name, IpFamily family, boolean peer) {
        return new MemberNetwork(name, "us-east-1", family, peer, "net-" + name, "vpc-" + name, List.of(), List.of(),
                List.of());
    }

    @Test
    void gateways_whenIpv4_namesNoMemberBecauseNoneFollows() {
        NetworkFacts facts = new NetworkFacts(GatewayAddressType.IPV4, LoadBalancerScheme.INTERNET_FACING,
                List.of(member("eks-3", IpFamily.IPV4, false), member("eks-1", IpFamily.IPV4, true)));

        assertThat(facts.gateways()).isEqualTo("ipv4");
    }

    @Test
    void gateways_whenDualstack_namesEveryMemberInOneOrderWhateverTheListing() {
        NetworkFacts facts = new NetworkFacts(GatewayAddressType.DUALSTACK, LoadBalancerScheme.INTERNET_FACING,
                List.of(member("eks-2", IpFamily.IPV6, false), member("eks-3", IpFamily.IPV4, true),
                        member("eks-1", IpFamily.IPV4, true)));
        NetworkFacts reordered = new NetworkFacts(GatewayAddressType.DUALSTACK, LoadBalancerScheme.INTERNET_FACING,
                List.of(member("eks-2", IpFamily.IPV6, false), member("eks-1", IpFamily.IPV4, true),
                        member("eks-3", IpFamily.IPV4, true)));

        assertThat(facts.gateways()).isEqualTo("dualstack us-east-1/eks-1 us-east-1/eks-2 us-east-1/eks-3")
                .isEqualTo(reordered.gateways());
    }

    /** The line is in the state for the Choice state; the steps that read $.network back ignore it. */
    @Test
    void json_whenWrittenAndReadBack_carriesTheGatewaysLineAndReadsTheSameFacts() throws Exception {
        NetworkFacts facts = new NetworkFacts(GatewayAddressType.DUALSTACK, LoadBalancerScheme.INTERNAL,
                List.of(member("eks-2", IpFamily.IPV6, false)));

        JsonNode json = Json.MAPPER.valueToTree(facts);
        NetworkFacts read = Json.MAPPER.treeToValue(json, NetworkFacts.class);

        assertThat(json.path("gateways").asText()).isEqualTo("dualstack us-east-1/eks-2");
        assertThat(read).isEqualTo(facts);
    }
}
