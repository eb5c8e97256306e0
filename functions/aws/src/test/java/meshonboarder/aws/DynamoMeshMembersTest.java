package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ClusterNameTaken;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.testing.MeshTables;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class DynamoMeshMembersTest {

    /** Every request the adapter sent, as the SDK was about to send it. */
    private final Queue<SdkRequest> sent = new ConcurrentLinkedQueue<>();
    private final DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.of(MotoServer.REGION))
            .endpointOverride(MotoServer.endpoint()).credentialsProvider(MotoServer.credentials())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    sent.add(context.request());
                }
            })).build();
    private final DynamoMeshMembers members = new DynamoMeshMembers(dynamo, MeshTables.ensure());
    private final String mesh = MotoServer.unique("mesh");

    private Member member(String name, IpFamily family) {
        return member(name, MotoServer.REGION, family);
    }

    private Member member(String name, String region, IpFamily family) {
        return new Member(mesh, name, region, "arn:aws:eks:" + region + ":123456789012:cluster/" + name, family, "vpc-1");
    }

    @Test
    void register_whenTwoClusters_listsBothAndFindsEach() {
        members.register(member("eks-1", IpFamily.IPV4));
        members.register(member("eks-2", IpFamily.IPV6));

        assertThat(members.list(mesh)).containsExactlyInAnyOrder(member("eks-1", IpFamily.IPV4),
                member("eks-2", IpFamily.IPV6));
        assertThat(members.find("eks-2", MotoServer.REGION)).contains(member("eks-2", IpFamily.IPV6));
        assertThat(members.find("eks-2", "eu-west-1")).isEmpty();
        assertThat(members.meshes()).contains(mesh);
    }

    @Test
    void register_whenSameMemberTwice_writesOnce() {
        members.register(member("eks-1", IpFamily.IPV4));
        members.register(member("eks-1", IpFamily.IPV4));

        assertThat(sent).filteredOn(PutItemRequest.class::isInstance).hasSize(1);
    }

    @Test
    void register_whenTheClusterChanged_rewritesItsRecord() {
        members.register(member("eks-1", IpFamily.IPV4));
        members.register(member("eks-1", IpFamily.IPV6));

        assertThat(members.list(mesh)).containsExactly(member("eks-1", IpFamily.IPV6));
    }

    @Test
    void register_whenAnotherClusterHasTheName_failsWithClusterNameTaken() {
        members.register(member("eks-1", IpFamily.IPV4));

        assertThatThrownBy(() -> members.register(member("eks-1", "eu-west-1", IpFamily.IPV4)))
                .isInstanceOf(ClusterNameTaken.class).hasMessageContaining("unique cluster names");
        assertThat(members.list(mesh)).containsExactly(member("eks-1", IpFamily.IPV4));
    }

    @Test
    void register_whenTwoClustersOfOneNameRegisterAtOnce_theConditionalWriteLetsOneIn() {
        List<CompletableFuture<Void>> writes = List.of("us-east-1", "eu-west-1", "ap-south-1").stream()
                .map(region -> CompletableFuture.runAsync(() -> members.register(member("eks-1", region, IpFamily.IPV4))))
                .toList();

        long refused = writes.stream().filter(w -> {
            try {
                w.join();
                return false;
            } catch (RuntimeException e) {
                assertThat(e).hasCauseInstanceOf(ClusterNameTaken.class);
                return true;
            }
        }).count();

        assertThat(refused).isEqualTo(2);
        assertThat(members.list(mesh)).hasSize(1);
        // the refusal is the write's condition, not a read before it
        assertThat(sent).filteredOn(PutItemRequest.class::isInstance)
                .allSatisfy(p -> assertThat(((PutItemRequest) p).conditionExpression()).contains("attribute_not_exists"));
    }

    @Test
    void register_whenManyAtOnce_keepsEveryMember() {
        IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.runAsync(() -> members.register(member("eks-" + i, IpFamily.IPV4))))
                .toList().forEach(CompletableFuture::join);

        assertThat(members.list(mesh)).hasSize(6);
    }

    @Test
    void adopt_whenTheNameIsRecorded_keepsTheRecordThere() {
        members.register(member("eks-1", IpFamily.IPV6));

        assertThat(members.adopt(member("eks-1", IpFamily.IPV4))).isTrue();
        assertThat(members.adopt(member("eks-1", "eu-west-1", IpFamily.IPV4))).isFalse();
        assertThat(members.adopt(member("eks-2", IpFamily.IPV4))).isTrue();

        assertThat(members.list(mesh)).containsExactlyInAnyOrder(member("eks-1", IpFamily.IPV6),
                member("eks-2", IpFamily.IPV4));
    }

    @Test
    void remove_whenRemovedTwice_isQuiet() {
        members.register(member("eks-1", IpFamily.IPV4));

        members.remove(member("eks-1", IpFamily.IPV4));
        members.remove(member("eks-1", IpFamily.IPV4));

        assertThat(members.list(mesh)).isEmpty();
    }

    @Test
    void remove_whenAnotherClusterTookTheNameSince_leavesItsRecord() {
        members.register(member("eks-1", "eu-west-1", IpFamily.IPV4));

        members.remove(member("eks-1", IpFamily.IPV4));

        assertThat(members.list(mesh)).containsExactly(member("eks-1", "eu-west-1", IpFamily.IPV4));
    }

    @Test
    void recordGateway_whenTheRecordHasNoType_setsItAndListsIt() {
        members.register(member("eks-1", IpFamily.IPV4));
        assertThat(members.list(mesh)).extracting(Member::gatewayAddressType).containsOnlyNulls();

        assertThat(members.recordGateway(member("eks-1", IpFamily.IPV4), GatewayAddressType.DUALSTACK)).isTrue();

        assertThat(members.list(mesh)).containsExactly(member("eks-1", IpFamily.IPV4)
                .withGatewayAddressType(GatewayAddressType.DUALSTACK));
    }

    @Test
    void recordGateway_whenAlreadyRecorded_writesNothing() {
        members.register(member("eks-1", IpFamily.IPV4).withGatewayAddressType(GatewayAddressType.DUALSTACK));
        sent.clear();

        assertThat(members.recordGateway(member("eks-1", IpFamily.IPV4), GatewayAddressType.DUALSTACK)).isFalse();

        assertThat(sent).filteredOn(UpdateItemRequest.class::isInstance).isEmpty();
        // and register of the same record again writes nothing either: the type is read back as it was written
        members.register(member("eks-1", IpFamily.IPV4).withGatewayAddressType(GatewayAddressType.DUALSTACK));
        assertThat(sent).filteredOn(PutItemRequest.class::isInstance).isEmpty();
    }

    @Test
    void recordGateway_whenNotAMemberOrAnotherClusterHoldsTheName_writesNothing() {
        members.register(member("eks-1", "eu-west-1", IpFamily.IPV4));

        assertThat(members.recordGateway(member("eks-1", IpFamily.IPV4), GatewayAddressType.DUALSTACK)).isFalse();
        assertThat(members.recordGateway(member("eks-9", IpFamily.IPV4), GatewayAddressType.DUALSTACK)).isFalse();

        assertThat(members.list(mesh)).containsExactly(member("eks-1", "eu-west-1", IpFamily.IPV4));
    }

    @Test
    void everyRead_isAConsistentRead() {
        members.register(member("eks-1", IpFamily.IPV4));
        members.register(member("eks-1", IpFamily.IPV4));
        members.adopt(member("eks-1", "eu-west-1", IpFamily.IPV4));
        members.list(mesh);
        members.meshes();
        members.find("eks-1", MotoServer.REGION);

        assertThat(sent).filteredOn(GetItemRequest.class::isInstance).isNotEmpty()
                .allSatisfy(r -> assertThat(((GetItemRequest) r).consistentRead()).isTrue());
        assertThat(sent).filteredOn(QueryRequest.class::isInstance).isNotEmpty()
                .allSatisfy(r -> assertThat(((QueryRequest) r).consistentRead()).isTrue());
        assertThat(sent).filteredOn(ScanRequest.class::isInstance).isNotEmpty()
                .allSatisfy(r -> assertThat(((ScanRequest) r).consistentRead()).isTrue());
    }
}
