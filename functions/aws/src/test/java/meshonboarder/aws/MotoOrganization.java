package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ThreadLocalRandom;
import meshonboarder.json.Json;
import meshonboarder.testing.MotoServer;

/**
 * An organization in moto's Organizations, made in a management account no other test uses (moto keeps accounts
 * apart, and the tests share one server), through a role there: the role OrganizationsRoleArn would name. Set up with
 * the adapter's own calls, since this build has no Organizations SDK.
 */
public final class MotoOrganization {

    private final AwsOrganizationalUnits management;
    private final String readerRoleArn;
    private final String root;

    private MotoOrganization(AwsClients aws, String managementAccount) {
        this.readerRoleArn = roleIn(managementAccount);
        this.management = new AwsOrganizationalUnits(aws, readerRoleArn);
        ok("CreateOrganization", request().put("FeatureSet", "ALL"));
        this.root = ok("ListRoots", request()).path("Roots").path(0).path("Id").asText();
    }

    public static MotoOrganization create() {
        return create(MotoServer.aws());
    }

    /** In the moto server {@code aws} calls (the local runner's has one of its own). */
    public static MotoOrganization create(AwsClients aws) {
        return new MotoOrganization(aws, newAccount());
    }

    /** A 12-digit account id no other test uses. */
    public static String newAccount() {
        return Long.toString(ThreadLocalRandom.current().nextLong(200_000_000_000L, 999_999_999_999L));
    }

    /** A role of the account (moto's STS lets any caller assume any role). */
    public static String roleIn(String account) {
        return "arn:aws:iam::" + account + ":role/organization-reader";
    }

    /** A role of the management account, which may call ListParents. */
    public String readerRoleArn() {
        return readerRoleArn;
    }

    /** A new unit under the root. */
    public String unit(String name) {
        return ok("CreateOrganizationalUnit", request().put("ParentId", root).put("Name", name))
                .path("OrganizationalUnit").path("Id").asText();
    }

    /** A new member account at the root (moto chooses its id). */
    public String account() {
        String name = MotoServer.unique("team");
        return ok("CreateAccount", request().put("AccountName", name).put("Email", name + "@example.com"))
                .path("CreateAccountStatus").path("AccountId").asText();
    }

    /** A new member account, moved from the root into {@code unit}. */
    public String accountIn(String unit) {
        String account = account();
        ok("MoveAccount", request().put("AccountId", account).put("SourceParentId", root)
                .put("DestinationParentId", unit));
        return account;
    }

    /** Makes the account a delegated administrator (of some service), which may then call ListParents. */
    public void delegate(String account) {
        ok("RegisterDelegatedAdministrator", request().put("AccountId", account)
                .put("ServicePrincipal", "ssm.amazonaws.com"));
    }

    private JsonNode ok(String operation, ObjectNode request) {
        AwsOrganizationalUnits.Answer answer = management.call(operation, request);
        assertThat(answer.status()).as(operation + ": " + answer.json()).isEqualTo(200);
        return answer.json();
    }

    private static ObjectNode request() {
        return Json.MAPPER.createObjectNode();
    }
}
