package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 25, "no peer is a single point of failure": six clusters of both families are meshed (multi-network, so every
 * east-west gateway dualstack, and each member's record says so); eks-2's API server refuses mesh-onboarder, and eks-7
 * joins. Its onboarding must end PEERS_UNREACHED with every reachable peer meshed, having visited no peer's gateway
 * that its record says is right (one record is made as a version before this one wrote it, without the address type:
 * that peer is visited, and recorded); once eks-2 is back, the reconcile its announcement starts makes the mesh whole.
 */
final class PeerDownScenario extends Scenario {

    private static final String[] MESHED = {"eks-1", "eks-2", "eks-3", "eks-4", "eks-5", "eks-6"};
    private static final String FOLLOW_GATEWAY = "FollowGateway";

    PeerDownScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        for (String cluster : MESHED) {
            drive.joinByHand(cluster);
        }
        // eks-1 joined alone (ipv4); eks-2, the first IPv6 member, made every gateway dualstack: eks-1's in its Map item
        expect.that(followed("eks-2", "east-west gateway of eks-1 (record said ipv4): UPGRADED"),
                "eks-2's onboarding switched eks-1's gateway to dualstack in eks-1's Map item (its record said ipv4)");
        for (String later : List.of("eks-3", "eks-4", "eks-5", "eks-6")) {
            expect.that(!followed(later, "UPGRADED") && !followed(later, "record said"),
                    later + "'s onboarding visited no peer's gateway: every record said dualstack");
        }
        expect.fullMesh(MESHED);
        expect.gateways("dualstack", MESHED);
        recordedEverywhere(MESHED);

        out.println("eks-3's membership record is rewritten as versions before issue 25 wrote it, without the gateway's"
                + " address type:");
        controller.aws().dynamoDb().updateItem(u -> u.tableName(controller.template().tableName("MeshTable"))
                .key(Map.of("pk", AttributeValue.fromS("mesh1"), "sk", AttributeValue.fromS("MEMBER#eks-3")))
                .updateExpression("REMOVE gatewayAddressType"));
        expect.that(record("eks-3").gatewayAddressType() == null, "eks-3's record holds no address type");

        // eks-2 refuses (401, not retried) rather than going off the network: the Catch and what follows are the same,
        // and the Retry's two minutes of waiting for a Transient peer are shown by the reconcile scenario already
        new PeerOutage(stage, drive, expect).joinWithOutageFrom(null, "eks-7", PeerOutage.REFUSES, "eks-2",
                "eks-1", "eks-3", "eks-4", "eks-5", "eks-6");

        for (String peer : List.of("eks-1", "eks-4", "eks-5", "eks-6")) {
            expect.that(followed("eks-7", "east-west gateway of " + peer + ": dualstack in its membership record, not visited"),
                    "eks-7's onboarding did not visit " + peer + "'s gateway (its record says dualstack)");
        }
        expect.that(followed("eks-7", "east-west gateway of eks-3 (record said nothing): UNCHANGED"),
                "eks-7's onboarding visited eks-3's gateway, whose record held no type, and found it dualstack");
        String[] all = Arrays.copyOf(MESHED, MESHED.length + 1);
        all[MESHED.length] = "eks-7";
        expect.gateways("dualstack", all);
        recordedEverywhere(all);
        expect.consistentReadsOnly();
        expect.noSecretsInState();
    }

    private void recordedEverywhere(String... members) {
        for (String member : members) {
            expect.that(record(member).gatewayAddressType() == GatewayAddressType.DUALSTACK,
                    member + "'s membership record says its gateway is dualstack (was "
                            + record(member).gatewayAddressType() + ")");
        }
    }

    private Member record(String member) {
        return controller.members().list("mesh1").stream().filter(m -> m.clusterName().equals(member)).findFirst()
                .orElseThrow(() -> new IllegalStateException(member + " is not recorded in mesh1"));
    }

    /** Whether FollowGateway, in {@code joining}'s onboarding, logged a line containing {@code fragment}. */
    private boolean followed(String joining, String fragment) {
        return controller.lambda().logLines().stream().anyMatch(line -> {
            try {
                JsonNode json = Json.MAPPER.readTree(line);
                return FOLLOW_GATEWAY.equals(json.path("step").asText()) && joining.equals(json.path("cluster").asText())
                        && json.path("message").asText().contains(fragment);
            } catch (IOException e) {
                return false;
            }
        });
    }
}
