package meshonboarder.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.OrganizationalUnitUnknown;
import meshonboarder.errors.Transient;
import meshonboarder.join.OrganizationalUnits;
import meshonboarder.json.Json;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * The organizational unit an account sits in directly: AWS Organizations' ListParents
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html), which answers from the
 * management account or a delegated administrator only. With {@code roleArn} (template parameter
 * OrganizationsRoleArn) it is called on a session of that role, else with the function's own credentials.
 *
 * <p>Framed by hand on Organizations' JSON 1.1 protocol, signed with the SDK's SigV4 signer and sent on the function's
 * HTTP client, because the SDK's {@code organizations} module is not available to this build. When it is, this
 * becomes {@code OrganizationsClient.listParents} and the framing goes.
 */
public final class AwsOrganizationalUnits implements OrganizationalUnits {

    private static final String HOW = " (template parameter OrganizationsRoleArn, docs/join-policy.md)";

    private final AwsClients aws;
    private final String roleArn;
    private final URI endpoint;
    private final String signingRegion;
    private AwsCredentialsProvider credentials;

    /** @param roleArn a role of the management account or a delegated administrator; null: the function's own */
    public AwsOrganizationalUnits(AwsClients aws, String roleArn) {
        this.aws = aws;
        this.roleArn = roleArn;
        // one endpoint per partition (AWS General Reference, "AWS Organizations endpoints and quotas")
        var partition = Region.of(aws.region()).metadata();
        String id = partition == null ? "aws" : partition.partition().id();
        this.signingRegion = switch (id) {
            case "aws-cn" -> "cn-northwest-1";
            case "aws-us-gov" -> "us-gov-west-1";
            default -> "us-east-1";
        };
        this.endpoint = aws.endpoint() != null ? aws.endpoint() : URI.create("https://organizations." + signingRegion
                + ".amazonaws.com" + (id.equals("aws-cn") ? ".cn" : ""));
    }

    /** The account's parent unit; empty when its parent is the organization's root. */
    @Override
    public Optional<String> parentOf(String account) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("ChildId", account);
        // "Always check the NextToken response parameter for a null value when calling a List* operation" (the API
        // reference): a page may come back empty with more to follow. A child has one parent.
        while (true) {
            Answer page = call("ListParents", request);
            if (page.status() / 100 != 2) {
                throw refusal(account, page.status(), page.json());
            }
            JsonNode parent = page.json().path("Parents").path(0);
            if (!parent.isMissingNode()) {
                return "ORGANIZATIONAL_UNIT".equals(parent.path("Type").asText())
                        ? Optional.of(parent.path("Id").asText()) : Optional.empty();
            }
            if (!page.json().hasNonNull("NextToken")) {
                return Optional.empty();
            }
            request.put("NextToken", page.json().path("NextToken").asText());
        }
    }

    /** An answer of Organizations: its HTTP status and its JSON (an empty object when it had none). */
    record Answer(int status, JsonNode json) {
    }

    /** One call of {@code operation} on Organizations' JSON 1.1 protocol (tests set up an organization with it). */
    Answer call(String operation, ObjectNode request) {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSOrganizationsV20161128." + operation)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        String action = "calling organizations:" + operation;
        try {
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials().resolveCredentials())
                    .request(unsigned).payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion));
            HttpExecuteResponse response = aws.http().prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            return new Answer(response.httpResponse().statusCode(), read(response.responseBody().orElse(null)));
        } catch (SdkException e) {
            // the session of OrganizationsRoleArn (STS), or the connection
            RuntimeException named = AwsErrors.translate(e, action);
            if (named instanceof AccessDenied && roleArn != null) {
                throw new AccessDenied("Resolve could not assume " + roleArn + " to read organizational units: the "
                        + "role's trust policy must admit Resolve's role" + HOW + ".", e);
            }
            throw named;
        } catch (IOException e) {
            throw new Transient("Could not reach AWS Organizations while " + action + ".", e);
        }
    }

    /** ListParents' errors, as its API reference lists them. */
    private RuntimeException refusal(String account, int status, JsonNode answer) {
        String type = answer.path("__type").asText();
        String code = type.substring(type.lastIndexOf('#') + 1);
        String message = answer.has("Message") ? answer.path("Message").asText() : answer.path("message").asText();
        String caller = roleArn == null ? "Resolve's role" : roleArn;
        String said = " (" + code + ": " + message + ")";
        if (code.equals("TooManyRequestsException") || status >= 500) {
            return new Transient("AWS Organizations was briefly unable to say the organizational unit of account "
                    + account + said + ".");
        }
        if (code.equals("AccessDeniedException") || status == 403) {
            return new AccessDenied("AWS Organizations refused " + caller + " ListParents for account " + account + said
                    + ": a join policy names organizational units, and only the organization's management account or"
                    + " a delegated administrator may read them. Set OrganizationsRoleArn to a role there that allows "
                    + "organizations:ListParents and trusts Resolve's role, or list the account in the mesh's accounts"
                    + HOW + ".");
        }
        if (code.equals("AWSOrganizationsNotInUseException")) {
            return new OrganizationalUnitUnknown("The account of " + caller + " is in no AWS organization, so the "
                    + "organizational unit of account " + account + " is unknown" + said + ". Nothing was written. Set "
                    + "OrganizationsRoleArn to a role of the organization's management account or a delegated "
                    + "administrator, or list the account in the mesh's accounts" + HOW + ".");
        }
        if (code.equals("ChildNotFoundException")) {
            return new OrganizationalUnitUnknown("Account " + account + " is not in the organization that " + caller
                    + " reads, so it is in none of the join policy's organizational units" + said + ". Nothing was "
                    + "written. To admit it, list it in the mesh's accounts, or, if it is in another organization, "
                    + "set OrganizationsRoleArn to a role of that organization" + HOW + ".");
        }
        return new OrganizationalUnitUnknown("AWS Organizations did not say the organizational unit of account "
                + account + " (HTTP " + status + said + "). Nothing was written. List the account in the mesh's "
                + "accounts" + HOW + ".");
    }

    private synchronized AwsCredentialsProvider credentials() {
        if (credentials == null) {
            credentials = roleArn == null ? aws.credentials()
                    : MemberRoleCredentials.of(aws.sts(), roleArn, ClusterLocations.sessionName());
        }
        return credentials;
    }

    /** The answer's JSON; an empty object when there is none (a proxy's HTML error page, say). */
    private static JsonNode read(InputStream body) throws IOException {
        if (body == null) {
            return Json.MAPPER.createObjectNode();
        }
        try (body) {
            JsonNode json = Json.MAPPER.readTree(body.readAllBytes());
            return json != null && json.isObject() ? json : Json.MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
