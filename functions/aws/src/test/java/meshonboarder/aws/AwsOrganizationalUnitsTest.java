package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.OrganizationalUnitUnknown;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/**
 * ListParents against moto's Organizations, over real HTTP, read through a role of the management account as
 * OrganizationsRoleArn makes Resolve do. The refusals are those the ListParents API reference lists
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html, Errors), which moto gives
 * through the project's launcher (local/moto_server.py).
 */
class AwsOrganizationalUnitsTest {

    private final AwsClients hub = MotoServer.aws();

    @Test
    void parentOf_whenTheAccountIsInAUnit_returnsTheUnit() {
        MotoOrganization organization = MotoOrganization.create();
        String unit = organization.unit("prod");
        String account = organization.accountIn(unit);

        assertThat(new AwsOrganizationalUnits(hub, organization.readerRoleArn()).parentOf(account)).contains(unit);
    }

    @Test
    void parentOf_whenTheAccountIsAtTheRoot_isEmpty() {
        MotoOrganization organization = MotoOrganization.create();

        assertThat(new AwsOrganizationalUnits(hub, organization.readerRoleArn()).parentOf(organization.account()))
                .isEmpty();
    }

    @Test
    void parentOf_whenTheAccountIsNotInTheOrganization_failsWithOrganizationalUnitUnknown() {
        MotoOrganization organization = MotoOrganization.create();

        assertThatThrownBy(() -> new AwsOrganizationalUnits(hub, organization.readerRoleArn()).parentOf("111100002222"))
                .isInstanceOf(OrganizationalUnitUnknown.class)
                .hasMessageContaining("ChildNotFoundException")
                .hasMessageContaining("Account 111100002222 is not in the organization that "
                        + organization.readerRoleArn());
    }

    @Test
    void parentOf_whenTheCallerIsInNoOrganization_failsWithOrganizationalUnitUnknown() {
        String outside = MotoOrganization.roleIn(MotoOrganization.newAccount());

        assertThatThrownBy(() -> new AwsOrganizationalUnits(hub, outside).parentOf("111100002222"))
                .isInstanceOf(OrganizationalUnitUnknown.class)
                .hasMessageContaining("AWSOrganizationsNotInUseException")
                .hasMessageContaining("Set OrganizationsRoleArn to a role of the organization's management account");
    }

    /** "You can only call this operation from the management account or a member account that is a delegated administrator." */
    @Test
    void parentOf_whenTheCallerIsAMemberAccount_isRefusedUntilItIsADelegatedAdministrator() {
        MotoOrganization organization = MotoOrganization.create();
        String member = organization.account();
        AwsOrganizationalUnits fromMember = new AwsOrganizationalUnits(hub, MotoOrganization.roleIn(member));

        assertThatThrownBy(() -> fromMember.parentOf(member))
                .isInstanceOf(AccessDenied.class)
                .hasMessageContaining("AccessDeniedException")
                .hasMessageContaining("Set OrganizationsRoleArn to a role there that allows organizations:ListParents");

        organization.delegate(member);
        assertThat(fromMember.parentOf(member)).isEmpty();
    }
}
