package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.OrganizationalUnitUnknown;
import meshonboarder.errors.Transient;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ListParents against moto's Organizations, over real HTTP, read through a role of the management account as
 * OrganizationsRoleArn makes Resolve do. The refusals are those the ListParents API reference lists
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html, Errors), which moto gives
 * through the project's launcher (local/moto_server.py). moto checks no signature and sends no empty page: WireMock, on
 * the same wire protocol, shows both.
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

    // ------------------------------------------------------------------ on the wire (WireMock)

    private final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @AfterEach
    void stopWire() {
        if (wire.isRunning()) {
            wire.stop();
        }
    }

    private AwsOrganizationalUnits onTheWire() {
        wire.start();
        return new AwsOrganizationalUnits(new AwsClients("eu-west-1", URI.create(wire.baseUrl()),
                MotoServer.credentials()), null);
    }

    /**
     * Organizations' JSON 1.1 protocol, signed for the service in us-east-1 whatever the function's region (its one
     * endpoint of the aws partition), and a page that is empty but for its NextToken followed ("Always check the
     * NextToken response parameter", the API reference).
     */
    @Test
    void parentOf_onTheWire_signsForOrganizationsInUsEast1AndFollowsNextToken() {
        AwsOrganizationalUnits units = onTheWire();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(equalToJson("{\"ChildId\": \"111100002222\"}"))
                .willReturn(okJson("{\"Parents\": [], \"NextToken\": \"page-2\"}")));
        wire.stubFor(post(urlEqualTo("/"))
                .withRequestBody(equalToJson("{\"ChildId\": \"111100002222\", \"NextToken\": \"page-2\"}"))
                .willReturn(okJson("{\"Parents\": [{\"Id\": \"ou-ab12-cd34ef56\", \"Type\": \"ORGANIZATIONAL_UNIT\"}]}")));

        assertThat(units.parentOf("111100002222")).contains("ou-ab12-cd34ef56");

        wire.verify(2, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSOrganizationsV20161128.ListParents"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", containing("/us-east-1/organizations/aws4_request"))
                .withHeader("Authorization", matching(".*SignedHeaders=[^,]*host[^,]*x-amz-target.*")));
    }

    @Test
    void parentOf_onTheWire_whenThrottled_failsWithTransient() {
        AwsOrganizationalUnits units = onTheWire();
        wire.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\": \"com.amazonaws.organizations#TooManyRequestsException\", "
                        + "\"Message\": \"AWS Organizations can't complete your request because another request is "
                        + "already in progress\"}")));

        assertThatThrownBy(() -> units.parentOf("111100002222")).isInstanceOf(Transient.class)
                .hasMessageContaining("TooManyRequestsException");
    }
}
