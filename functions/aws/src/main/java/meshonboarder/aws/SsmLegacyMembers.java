package meshonboarder.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import meshonboarder.json.Json;
import meshonboarder.mesh.LegacyMembers;
import meshonboarder.mesh.Member;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * {@link LegacyMembers}: the membership records of the versions before the mesh table, one SSM parameter per member,
 * {@code /<prefix>/<meshId>/members/<region>/<clusterName>} holding the member as JSON. Read only to carry them over.
 */
public final class SsmLegacyMembers implements LegacyMembers {

    private final AwsClients aws;
    private final String prefix;

    public SsmLegacyMembers(AwsClients aws, String prefix) {
        this.aws = aws;
        this.prefix = prefix;
    }

    /** The parameter that recorded the member. */
    public String parameterName(String meshId, String region, String clusterName) {
        return "/" + prefix + "/" + meshId + "/members/" + region + "/" + clusterName;
    }

    @Override
    public List<Member> all() {
        String path = "/" + prefix + "/";
        try {
            return aws.ssm().getParametersByPathPaginator(GetParametersByPathRequest.builder().path(path)
                            .recursive(true).build())
                    .stream().flatMap(page -> page.parameters().stream())
                    .filter(p -> p.name().contains("/members/"))
                    .map(p -> parse(p.value()))
                    .toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "listing mesh members under SSM path " + path);
        }
    }

    @Override
    public void remove(Member member) {
        String name = parameterName(member.meshId(), member.region(), member.clusterName());
        try {
            aws.ssm().deleteParameter(r -> r.name(name));
        } catch (ParameterNotFoundException gone) {
            // already removed: removing is idempotent
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "removing SSM parameter " + name);
        }
    }

    private static Member parse(String json) {
        try {
            return Json.MAPPER.readValue(json, Member.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mesh member parameter does not hold a member record", e);
        }
    }
}
