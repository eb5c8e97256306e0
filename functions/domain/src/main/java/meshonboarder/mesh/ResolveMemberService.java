package meshonboarder.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import meshonboarder.cluster.EksNames;
import meshonboarder.errors.InvalidInput;
import meshonboarder.settings.MeshSettings;

/**
 * {@code ResolveMember}: a CloudTrail {@code DeleteCluster} event or a manual
 * {@code {"clusterName": ..., "region": ...}} to the membership record. It never asks EKS: the cluster is
 * usually gone by now (docs/design.md, "Architecture").
 */
public final class ResolveMemberService {


    private final MeshMembers members;
    private final MeshSettings settings;

    public ResolveMemberService(MeshMembers members, MeshSettings settings) {
        this.members = members;
        this.settings = settings;
    }

    public MemberLookup lookup(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new InvalidInput("The input must be a JSON object: an EKS DeleteCluster CloudTrail event or "
                    + "{\"clusterName\": \"...\", \"region\": \"...\"}.");
        }
        String clusterName;
        String region;
        if (input.has("detail")) {
            JsonNode detail = input.path("detail");
            if (!"eks.amazonaws.com".equals(detail.path("eventSource").asText())
                    || !"DeleteCluster".equals(detail.path("eventName").asText())) {
                throw new InvalidInput("The event is not an EKS DeleteCluster CloudTrail event (eventName '"
                        + detail.path("eventName").asText() + "'); only DeleteCluster starts offboarding.");
            }
            clusterName = detail.path("requestParameters").path("name").asText(null);
            region = detail.hasNonNull("awsRegion") ? detail.path("awsRegion").asText() : input.path("region").asText(null);
        } else {
            clusterName = input.path("clusterName").asText(null);
            region = input.hasNonNull("region") ? input.path("region").asText() : settings.region();
        }
        if (clusterName == null || !EksNames.CLUSTER_NAME.matcher(clusterName).matches()) {
            throw new InvalidInput("The input has no valid clusterName. Start the execution with "
                    + "{\"clusterName\": \"<EKS cluster name>\", \"region\": \"<region>\"}.");
        }
        if (region == null || !EksNames.REGION.matcher(region).matches()) {
            throw new InvalidInput("The region '" + region + "' is not valid: expected an AWS region such as us-east-1.");
        }
        Optional<Member> member = members.find(clusterName, region);
        return member.map(m -> new MemberLookup(true, m.clusterName(), m.region(), m, null))
                .orElseGet(() -> new MemberLookup(false, clusterName, region, null, "Cluster '" + clusterName
                        + "' in " + region + " is not a member of any mesh: there is nothing to offboard."));
    }
}
