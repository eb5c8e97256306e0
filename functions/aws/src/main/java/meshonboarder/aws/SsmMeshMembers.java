package meshonboarder.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@link MeshMembers} as SSM parameters, one per member: {@code /<prefix>/<meshId>/members/<region>/<clusterName>}
 * holding the member as JSON. One parameter per member keeps concurrent registrations from overwriting each
 * other (no read-modify-write), and a path per mesh lists a mesh with one paginated call.
 */
public final class SsmMeshMembers implements MeshMembers {

    private final AwsClients aws;
    private final String prefix;

    public SsmMeshMembers(AwsClients aws, String prefix) {
        this.aws = aws;
        this.prefix = prefix;
    }

    /** The parameter that records the member. */
    public String parameterName(String meshId, String region, String clusterName) {
        return "/" + prefix + "/" + meshId + "/members/" + region + "/" + clusterName;
    }

    @Override
    public void register(Member member) {
        String name = parameterName(member.meshId(), member.region(), member.clusterName());
        String value = write(member);
        try {
            Optional<String> current = read(name);
            if (current.isPresent() && Objects.equals(parse(current.get()), member)) {
                return; // already recorded as it is: no new parameter version
            }
            aws.ssm().putParameter(r -> r.name(name).value(value).type(ParameterType.STRING).overwrite(true)
                    .description("mesh-onboarder: " + member.clusterName() + " is a member of mesh " + member.meshId()));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "recording member " + member.clusterName() + " in SSM parameter " + name);
        }
    }

    @Override
    public List<Member> list(String meshId) {
        return byPath("/" + prefix + "/" + meshId + "/members/");
    }

    @Override
    public List<String> meshes() {
        return byPath("/" + prefix + "/").stream().map(Member::meshId).distinct().sorted().toList();
    }

    @Override
    public Optional<Member> find(String clusterName, String region) {
        return byPath("/" + prefix + "/").stream()
                .filter(m -> m.clusterName().equals(clusterName) && m.region().equals(region))
                .findFirst();
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

    private List<Member> byPath(String path) {
        try {
            List<Member> members = new ArrayList<>();
            aws.ssm().getParametersByPathPaginator(GetParametersByPathRequest.builder().path(path).recursive(true).build())
                    .stream().flatMap(page -> page.parameters().stream())
                    .filter(p -> p.name().contains("/members/"))
                    .map(p -> p.value())
                    .map(SsmMeshMembers::parse)
                    .forEach(members::add);
            return members;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "listing mesh members under SSM path " + path);
        }
    }

    private Optional<String> read(String name) {
        try {
            return Optional.of(aws.ssm().getParameter(r -> r.name(name)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Member parse(String json) {
        try {
            return Json.MAPPER.readValue(json, Member.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mesh member parameter does not hold a member record", e);
        }
    }

    private static String write(Member member) {
        try {
            return Json.MAPPER.writeValueAsString(member);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
