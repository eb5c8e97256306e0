package meshonboarder.steps.cluster;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.Map;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.testing.MeshTables;
import meshonboarder.aws.network.Ec2VpcNetworks;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.istio.LoadBalancerScheme;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatherNetworkService;
import meshonboarder.network.NetworkFacts;
import meshonboarder.settings.MeshMode;
import meshonboarder.testing.EksAddonApi;
import meshonboarder.testing.MotoNetwork;
import meshonboarder.testing.MotoServer;

/**
 * The stand-ins of one CNI test: EKS clusters and subnets in moto, the add-on API in WireMock (in front of moto),
 * and one fabric8 mock API server (CRUD mode) per cluster that has a Kubernetes side. Names are unique per test.
 */
final class CniStand implements AutoCloseable {

    final EksAddonApi api = new EksAddonApi();
    final String mesh = MotoServer.unique("mesh");
    private final Map<String, KubernetesMockServer> servers = new HashMap<>();

    /** Connects to the cluster's mock server; a cluster without one has no reachable API server. */
    final ClusterConnector connector = (region, clusterName) -> {
        KubernetesMockServer server = servers.get(clusterName);
        if (server == null) {
            throw new AssertionError("the step connected to cluster " + clusterName + ", which it must not touch");
        }
        return client(server);
    };

    /** An EKS cluster in moto, in a VPC with the given subnets, tagged into the mesh. */
    Cluster eksCluster(IpFamily family, MotoNetwork.Vpc vpc) {
        String name = MotoServer.unique("eks");
        var created = MotoNetwork.createCluster(name, MotoServer.REGION,
                // fully qualified: EKS's IpFamily, not the domain's
                software.amazon.awssdk.services.eks.model.IpFamily.fromValue(family.value()),
                Map.of("istio-mesh", mesh), vpc);
        return new Cluster(name, MotoServer.REGION, mesh, vpc.vpcId(), created.arn(), Cluster.ACTIVE,
                created.endpoint(), family, vpc.vpcId(), created.version(), "API", false);
    }

    /** A dual-stack VPC: every subnet has an IPv6 CIDR and assigns IPv6 addresses on launch. */
    static MotoNetwork.Vpc dualStack() {
        return MotoNetwork.vpc(MotoServer.REGION, 2, 2, true);
    }

    /** $.network as GatherNetwork leaves it: the same EC2, EKS and membership records, read the same way. */
    NetworkFacts network(String mode, Cluster cluster) {
        return new GatherNetworkService(MeshMode.of(mode),
                LoadBalancerScheme.INTERNET_FACING, new AwsEksClusters(api.aws()),
                new DynamoMeshMembers(api.aws().dynamoDb(), MeshTables.ensure()), new Ec2VpcNetworks(api.aws()))
                .gather(cluster, null);
    }

    /** Records the cluster as a member of the mesh, as RegisterMember does. */
    void member(Cluster cluster) {
        new DynamoMeshMembers(api.aws().dynamoDb(), MeshTables.ensure()).register(new Member(mesh, cluster.clusterName(),
                cluster.region(), cluster.clusterArn(), cluster.ipFamily(), cluster.network()));
    }

    /** Gives the cluster a Kubernetes API server holding {@code awsNode} (or nothing, when null). */
    KubernetesMockServer kubernetes(Cluster cluster, DaemonSet awsNode) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        servers.put(cluster.clusterName(), server);
        if (awsNode != null) {
            try (KubernetesClient client = client(server)) {
                client.apps().daemonSets().inNamespace("kube-system").resource(awsNode).create();
            }
        }
        return server;
    }

    DaemonSet awsNode(Cluster cluster) {
        try (KubernetesClient client = client(servers.get(cluster.clusterName()))) {
            return client.apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
        }
    }

    /**
     * What the DaemonSet controller reports: {@code updated} of {@code desired} pods run the current template and
     * {@code ready} are ready, the controller having seen the current generation when {@code observed}.
     */
    void rollout(Cluster cluster, boolean observed, int desired, int updated, int ready) {
        try (KubernetesClient client = client(servers.get(cluster.clusterName()))) {
            DaemonSet current = client.apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
            long generation = current.getMetadata().getGeneration() == null ? 1 : current.getMetadata().getGeneration();
            current.setStatus(new DaemonSetStatusBuilder().withObservedGeneration(observed ? generation : generation - 1)
                    .withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired)
                    .withUpdatedNumberScheduled(updated).withNumberReady(ready).withNumberAvailable(ready)
                    .withNumberMisscheduled(0).build());
            client.apps().daemonSets().inNamespace("kube-system").resource(current).updateStatus();
        }
    }

    /** A client on the JDK HTTP client, as the functions use. */
    private static KubernetesClient client(KubernetesMockServer server) {
        return server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory()));
    }

    @Override
    public void close() {
        servers.values().forEach(KubernetesMockServer::destroy);
        api.close();
    }
}
