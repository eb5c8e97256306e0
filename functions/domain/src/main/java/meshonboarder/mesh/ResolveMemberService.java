package meshonboarder.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import meshonboarder.cluster.EksNames;
import meshonboarder.cluster.MeshNames;
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
            // a member account's forwarded event keeps its "account"; by hand, "account" may be given
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
        String account = input.path("account").asText(null);
        Optional<Member> member = find(clusterName, region, account);
        return member.map(m -> new MemberLookup(true, m.clusterName(), m.region(), m, null))
                .orElseGet(() -> new MemberLookup(false, clusterName, region, null, "Cluster '" + clusterName
                        + "' in " + region + " is not a member of any mesh: there is nothing to offboard."));
    }

    /**
     * The member of that EKS name, region and account: a hub cluster under its EKS name, another account's under its
     * mesh name ({@link MeshNames}). A record of another account never answers for the event's cluster (a hub cluster
     * and a member account's may share an EKS name and region), so its ARN's account must be the event's.
     */
    private Optional<Member> find(String eksName, String region, String account) {
        Optional<Member> byEksName = members.find(eksName, region)
                .filter(m -> account == null || account.equals(EksNames.accountOf(m.clusterArn())));
        if (byEksName.isPresent() || account == null) {
            return byEksName;
        }
        return members.find(MeshNames.ofAnotherAccount(account, region, eksName), region)
                .filter(m -> account.equals(EksNames.accountOf(m.clusterArn())));
    }
}
