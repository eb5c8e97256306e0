package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import meshonboarder.cluster.IpFamily;
import meshonboarder.mesh.Member;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

class SsmMeshMembersTest {

    private final AwsClients aws = MotoServer.aws();
    private final SsmMeshMembers members = new SsmMeshMembers(aws, "istio-mesh");
    private final String mesh = MotoServer.unique("mesh");

    private Member member(String name, IpFamily family) {
        return new Member(mesh, name, MotoServer.REGION, "arn:aws:eks:us-east-1:123456789012:cluster/" + name, family,
                "vpc-1");
    }

    @Test
    void register_whenTwoClusters_listsBothAndFindsEach() {
        members.register(member("eks-1", IpFamily.IPV4));
        members.register(member("eks-2", IpFamily.IPV6));

        assertThat(members.list(mesh)).containsExactlyInAnyOrder(member("eks-1", IpFamily.IPV4),
                member("eks-2", IpFamily.IPV6));
        assertThat(members.find("eks-2", MotoServer.REGION)).contains(member("eks-2", IpFamily.IPV6));
        assertThat(members.find("eks-2", "eu-west-1")).isEmpty();
    }

    @Test
    void register_whenSameMemberTwice_writesOneVersion() {
        members.register(member("eks-1", IpFamily.IPV4));
        members.register(member("eks-1", IpFamily.IPV4));

        String name = members.parameterName(mesh, MotoServer.REGION, "eks-1");
        assertThat(aws.ssm().getParameter(r -> r.name(name)).parameter().version()).isEqualTo(1L);
    }

    @Test
    void register_whenManyAtOnce_keepsEveryMember() {
        List<CompletableFuture<Void>> writes = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.runAsync(() -> members.register(member("eks-" + i, IpFamily.IPV4))))
                .toList();
        writes.forEach(CompletableFuture::join);

        assertThat(members.list(mesh)).hasSize(6);
    }

    @Test
    void remove_whenRemovedTwice_isQuiet() {
        members.register(member("eks-1", IpFamily.IPV4));

        members.remove(member("eks-1", IpFamily.IPV4));
        members.remove(member("eks-1", IpFamily.IPV4));

        assertThat(members.list(mesh)).isEmpty();
    }
}
