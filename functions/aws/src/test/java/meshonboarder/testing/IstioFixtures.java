package meshonboarder.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.settings.Env;

/** Clusters and wiring for the Istio steps' tests. */
public final class IstioFixtures {

    private IstioFixtures() {
    }

    public static Cluster cluster(String name, IpFamily family, String network) {
        return new Cluster(name, "us-east-1", "mesh1", network, "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                "ACTIVE", "https://" + name + ".eks.example", family, "vpc-0abc", "1.33", "API", false);
    }

    /**
     * A handler's wiring that makes no AWS call unless a test asks for one: the SDK points at a closed port,
     * so a stray call fails loudly instead of reaching AWS.
     */
    public static Wiring offline(Map<String, String> env) {
        Map<String, String> withRegion = new HashMap<>(env);
        withRegion.putIfAbsent("AWS_REGION", "us-east-1");
        return new Wiring(new Env(withRegion), new AwsClients("us-east-1", URI.create("http://127.0.0.1:9"),
                MotoServer.credentials()));
    }
}
