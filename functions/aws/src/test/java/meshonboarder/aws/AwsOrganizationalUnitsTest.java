package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ThreadLocalRandom;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.OrganizationalUnitUnknown;
import meshonboarder.json.Json;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/**
 * ListParents against moto's Organizations, over real HTTP. Each test has an organization of its own, in a management
 * account no other test uses (moto keeps accounts apart; the tests share one server), read through a role there, as
 * OrganizationsRoleArn makes Resolve do. The refusals are those the ListParents API reference lists
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html, Errors), which moto gives
 * through the project's launcher (local/moto_server.py).
 */
class AwsOrganizationalUnitsTest {

    private final AwsClients hub = MotoServer.aws();
    private final String management = newAccount();
    private final AwsOrganizationalUnits units = new AwsOrganizationalUnits(hub, role(management));

    private static String newAccount() {
        return Long.toString(ThreadLocalRandom.current().nextLong(200_000_000_000L, 999_999_999_999L));
    }

    private static String role(String account) {
        return "arn:aws:iam::" + account + ":role/organization-reader";
    }

    private static JsonNode ok(AwsOrganizationalUnits caller, String operation, ObjectNode request) {
        AwsOrganizationalUnits.Answer answer = caller.call(operation, request);
        assertThat(answer.status()).as(operation + ": " + answer.json()).isEqualTo(200);
        return answer.json();
    }

    private static ObjectNode request() {
        return Json.MAPPER.createObjectNode();
    }

    /** The organization's root id. */
    private String createOrganization() {
        ok(units, "CreateOrganization", request().put("FeatureSet", "ALL"));
        return ok(units, "ListRoots", request()).path("Roots").path(0).path("Id").asText();
    }

    private String createAccount() {
        String name = MotoServer.unique("team");
        return ok(units, "CreateAccount", request().put("AccountName", name).put("Email", name + "@example.com"))
                .path("CreateAccountStatus").path("AccountId").asText();
    }

    @Test
    void parentOf_whenTheAccountIsInAUnit_returnsTheUnit() {
        String root = createOrganization();
        String unit = ok(units, "CreateOrganizationalUnit", request().put("ParentId", root).put("Name", "prod"))
                .path("OrganizationalUnit").path("Id").asText();
        String account = createAccount();
        ok(units, "MoveAccount", request().put("AccountId", account).put("SourceParentId", root)
                .put("DestinationParentId", unit));

        assertThat(units.parentOf(account)).contains(unit);
    }

    @Test
    void parentOf_whenTheAccountIsAtTheRoot_isEmpty() {
        createOrganization();

        assertThat(units.parentOf(createAccount())).isEmpty();
    }

    @Test
    void parentOf_whenTheAccountIsNotInTheOrganization_failsWithOrganizationalUnitUnknown() {
        createOrganization();

        assertThatThrownBy(() -> units.parentOf("111100002222"))
                .isInstanceOf(OrganizationalUnitUnknown.class)
                .hasMessageContaining("ChildNotFoundException")
                .hasMessageContaining("Account 111100002222 is not in the organization that " + role(management));
    }

    @Test
    void parentOf_whenTheCallerIsInNoOrganization_failsWithOrganizationalUnitUnknown() {
        assertThatThrownBy(() -> units.parentOf("111100002222"))
                .isInstanceOf(OrganizationalUnitUnknown.class)
                .hasMessageContaining("AWSOrganizationsNotInUseException")
                .hasMessageContaining("Set OrganizationsRoleArn to a role of the organization's management account");
    }

    /** "You can only call this operation from the management account or a member account that is a delegated administrator." */
    @Test
    void parentOf_whenTheCallerIsAMemberAccount_isRefusedUntilItIsADelegatedAdministrator() {
        createOrganization();
        String member = createAccount();
        AwsOrganizationalUnits fromMember = new AwsOrganizationalUnits(hub, role(member));

        assertThatThrownBy(() -> fromMember.parentOf(member))
                .isInstanceOf(AccessDenied.class)
                .hasMessageContaining("AccessDeniedException")
                .hasMessageContaining("Set OrganizationsRoleArn to a role there that allows organizations:ListParents");

        ok(units, "RegisterDelegatedAdministrator", request().put("AccountId", member)
                .put("ServicePrincipal", "ssm.amazonaws.com"));
        assertThat(fromMember.parentOf(member)).isEmpty();
    }
}
