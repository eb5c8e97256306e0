package meshonboarder.steps.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.AccessEntriesDisabled;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.PrincipalNotPropagated;
import meshonboarder.errors.Transient;
import meshonboarder.settings.Env;
import meshonboarder.testing.EksWire;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrantAccessHandlerTest {

    private static final String REGION = "us-east-1";
    private static final String CLUSTER = "eks-1";
    private static final String ROLE = "arn:aws:iam::123456789012:role/mesh-onboarder-cluster-access";
    private static final String ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    // The SDK puts the principal into the path as one URL-encoded segment.
    private static final String ENTRY_PATH = "/clusters/" + CLUSTER + "/access-entries/"
            + URLEncoder.encode(ROLE, StandardCharsets.UTF_8);
    private static final String POLICIES_PATH = ENTRY_PATH + "/access-policies";

    // The entry's createdAt in accessEntryJson(): 2026-01-01T00:00:00Z.
    private static final String ROLE_CREATED_BEFORE_ENTRY = "2025-06-01T00:00:00Z";
    private static final String ROLE_CREATED_AFTER_ENTRY = "2026-03-01T00:00:00Z";

    /** EKS and IAM on their wire protocols (one endpoint: the SDK sends every client there). */
    @RegisterExtension
    static final WireMockExtension EKS = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void roleMadeBeforeTheEntries() {
        stubGetRole(ROLE_CREATED_BEFORE_ENTRY);
    }

    // EKS matches an access entry by the principal's id, which a role deleted and created again under the same
    // name does not keep; DescribeAccessEntry does not show that id ("If you don't delete the access entry and
    // ever recreate the IAM principal, even if it has the same ARN, the access entry won't work":
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_AccessEntry.html, principalArn). What tells it is
    // an entry created before the role (terraform-aws-modules/terraform-aws-eks issue 3329: "no way to find out
    // if an access entry is functional until we verify that the Access Entry is created/recreated after the IAM
    // role"). Deleting the entry removes its policy associations, so the admin policy is associated again.
    @Test
    void handle_whenTheEntryPredatesTheRole_deletesAndCreatesItAndAssociatesThePolicyAgain() {
        stubGetRole(ROLE_CREATED_AFTER_ENTRY);
        EKS.stubFor(get(urlPathEqualTo(ENTRY_PATH)).willReturn(okJson(accessEntryJson())));
        EKS.stubFor(WireMock.delete(urlPathEqualTo(ENTRY_PATH)).willReturn(okJson("{}")));
        EKS.stubFor(post(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries")).willReturn(okJson(accessEntryJson())));
        EKS.stubFor(get(urlPathEqualTo(POLICIES_PATH)).willReturn(okJson(policiesJson())));
        EKS.stubFor(post(urlPathEqualTo(POLICIES_PATH)).willReturn(okJson(associatedJson())));

        JsonNode access = Lambdas.invoke(handler(), Map.of("cluster", cluster("API")));

        assertThat(access.path("accessEntry").asText()).isEqualTo("RECREATED");
        assertThat(access.path("policy").asText()).isEqualTo("ASSOCIATED");
        EKS.verify(1, WireMock.deleteRequestedFor(urlPathEqualTo(ENTRY_PATH)));
        EKS.verify(1, postRequestedFor(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries"))
                .withRequestBody(matchingJsonPath("$.principalArn", equalTo(ROLE))));
        EKS.verify(1, postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=GetRole"))
                .withRequestBody(containing("RoleName=mesh-onboarder-cluster-access")));
    }

    @Test
    void handle_whenTheEntryIsNewerThanTheRole_keepsItAndWritesNothing() {
        EKS.stubFor(get(urlPathEqualTo(ENTRY_PATH)).willReturn(okJson(accessEntryJson())));
        EKS.stubFor(get(urlPathEqualTo(POLICIES_PATH)).willReturn(okJson(policiesJson(adminPolicyJson()))));

        JsonNode access = Lambdas.invoke(handler(), Map.of("cluster", cluster("API")));

        assertThat(access.path("accessEntry").asText()).isEqualTo("EXISTING");
        assertThat(access.path("policy").asText()).isEqualTo("EXISTING");
        EKS.verify(0, WireMock.deleteRequestedFor(anyUrl()));
        EKS.verify(0, postRequestedFor(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries")));
    }

    @Test
    void handle_whenTheRoleIsGone_failsAccessDeniedWithoutAWrite() {
        EKS.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetRole")).willReturn(
                aResponse().withStatus(404).withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
                        <Code>NoSuchEntity</Code><Message>The role with name mesh-onboarder-cluster-access cannot be found.</Message>
                        </Error><RequestId>4f0e9c1a</RequestId></ErrorResponse>""")));
        EKS.stubFor(get(urlPathEqualTo(ENTRY_PATH)).willReturn(okJson(accessEntryJson())));

        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("cluster", cluster("API"))))
                .isInstanceOf(AccessDenied.class)
                .hasMessageContaining(ROLE);
        EKS.verify(0, WireMock.deleteRequestedFor(anyUrl()));
        EKS.verify(0, postRequestedFor(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries")));
    }

    @Test
    void handle_whenFirstRun_createsTheEntryAndAssociatesTheAdminPolicy() {
        stubEksThatRemembersWrites();

        JsonNode access = Lambdas.invoke(handler(), Map.of("cluster", cluster("API_AND_CONFIG_MAP")));

        assertThat(access.path("principalArn").asText()).isEqualTo(ROLE);
        assertThat(access.path("accessEntry").asText()).isEqualTo("CREATED");
        assertThat(access.path("policy").asText()).isEqualTo("ASSOCIATED");
        EKS.verify(1, postRequestedFor(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries"))
                .withRequestBody(matchingJsonPath("$.principalArn", equalTo(ROLE)))
                .withRequestBody(matchingJsonPath("$.type", equalTo("STANDARD"))));
        EKS.verify(1, postRequestedFor(urlPathEqualTo(POLICIES_PATH))
                .withRequestBody(equalToJson("{\"policyArn\": \"" + ADMIN + "\", \"accessScope\": {\"type\": \"cluster\"}}")));
    }

    @Test
    void handle_whenSecondRun_writesNothingAndSaysSo() {
        stubEksThatRemembersWrites();
        GrantAccessHandler handler = handler();
        Lambdas.invoke(handler, Map.of("cluster", cluster("API")));

        JsonNode second = Lambdas.invoke(handler, Map.of("cluster", cluster("API")));

        assertThat(second.path("accessEntry").asText()).isEqualTo("EXISTING");
        assertThat(second.path("policy").asText()).isEqualTo("EXISTING");
        EKS.verify(1, postRequestedFor(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries")));
        EKS.verify(1, postRequestedFor(urlPathEqualTo(POLICIES_PATH)));
        EKS.verify(2, getRequestedFor(urlPathEqualTo(ENTRY_PATH)));
    }

    @Test
    void handle_whenTheAdminPolicyIsOnlyNamespaceScoped_associatesItClusterWide() {
        EKS.stubFor(get(urlPathEqualTo(ENTRY_PATH)).willReturn(okJson(accessEntryJson())));
        EKS.stubFor(get(urlPathEqualTo(POLICIES_PATH)).willReturn(okJson(policiesJson(
                "{\"policyArn\": \"" + ADMIN + "\", \"accessScope\": {\"type\": \"namespace\", \"namespaces\": [\"istio-system\"]}}"))));
        EKS.stubFor(post(urlPathEqualTo(POLICIES_PATH)).willReturn(okJson(associatedJson())));

        JsonNode access = Lambdas.invoke(handler(), Map.of("cluster", cluster("API")));

        assertThat(access.path("accessEntry").asText()).isEqualTo("EXISTING");
        assertThat(access.path("policy").asText()).isEqualTo("ASSOCIATED");
    }

    @Test
    void handle_whenAnotherRunCreatedTheEntryMeanwhile_takesItAsExisting() {
        EKS.stubFor(get(urlPathEqualTo(ENTRY_PATH))
                .willReturn(EksWire.error(404, "ResourceNotFoundException", "The specified principalArn could not be found.")));
        EKS.stubFor(post(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries"))
                .willReturn(EksWire.error(409, "ResourceInUseException", "The specified access entry resource is already in use on this cluster.")));
        EKS.stubFor(get(urlPathEqualTo(POLICIES_PATH)).willReturn(okJson(policiesJson(adminPolicyJson()))));

        JsonNode access = Lambdas.invoke(handler(), Map.of("cluster", cluster("API")));

        assertThat(access.path("accessEntry").asText()).isEqualTo("EXISTING");
        assertThat(access.path("policy").asText()).isEqualTo("EXISTING");
    }

    @Test
    void handle_whenResolveSawConfigMapMode_failsAccessEntriesDisabledWithoutACall() {
        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("cluster", cluster("CONFIG_MAP"))))
                .isInstanceOf(AccessEntriesDisabled.class)
                .hasMessageContaining("authenticationMode=API_AND_CONFIG_MAP");
        EKS.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void handle_whenEksSaysTheClusterIsInConfigMapMode_failsAccessEntriesDisabledWithoutAWrite() {
        EKS.stubFor(WireMock.any(anyUrl()).willReturn(EksWire.error(400, "InvalidRequestException",
                "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.")));

        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("cluster", cluster(null))))
                .isInstanceOf(AccessEntriesDisabled.class)
                .hasMessageContaining("'" + CLUSTER + "'")
                .hasMessageContaining("aws eks update-cluster-config --region " + REGION + " --name " + CLUSTER);
        EKS.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void handle_whenEksThrottles_failsTransient() {
        EKS.stubFor(WireMock.any(anyUrl())
                .willReturn(EksWire.error(429, "ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("cluster", cluster("API"))))
                .isInstanceOf(Transient.class)
                .hasMessageContaining(CLUSTER);
        EKS.verify(0, postRequestedFor(anyUrl()));
    }

    // CreateAccessEntry's answer for a role IAM has not yet propagated to EKS, which the Terraform AWS provider
    // retries for two minutes (hashicorp/terraform-provider-aws, internal/service/eks/access_entry.go): a named
    // error, so that GrantAccess's Retry in retry.yaml waits it out.
    @Test
    void handle_whenEksCallsTheRoleAnInvalidPrincipal_failsPrincipalNotPropagated() {
        EKS.stubFor(get(urlPathEqualTo(ENTRY_PATH))
                .willReturn(EksWire.error(404, "ResourceNotFoundException", "The specified principalArn could not be found.")));
        EKS.stubFor(post(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries")).willReturn(EksWire.error(400,
                "InvalidParameterException", "The specified principalArn is invalid: invalid principal")));

        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("cluster", cluster("API"))))
                .isInstanceOf(PrincipalNotPropagated.class)
                .hasMessageContaining("aws iam get-role --role-name mesh-onboarder-cluster-access");
        EKS.verify(0, postRequestedFor(urlPathEqualTo(POLICIES_PATH)));
    }

    @Test
    void handle_whenNoCluster_failsInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler(), "{}"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("$.cluster");
    }

    @Test
    void constructor_whenTheRoleVariableIsMissing_failsNamingIt() {
        assertThatThrownBy(() -> new GrantAccessHandler(wiring(Map.of())))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("CLUSTER_ACCESS_ROLE_ARN");
    }

    // EKS's access policies have the owner "aws" in every partition; the partition is the stack's (PARTITION).
    // The same form is in aws/aws-cdk: packages/aws-cdk-lib/aws-eks/lib/access-entry.ts (AccessPolicyArn).
    @ParameterizedTest
    @ValueSource(strings = {"aws", "aws-cn", "aws-us-gov"})
    void handle_whenRunInAPartition_associatesThatPartitionsAdminPolicy(String partition) {
        String role = "arn:" + partition + ":iam::123456789012:role/mesh-onboarder-cluster-access";
        String entry = "/clusters/" + CLUSTER + "/access-entries/" + URLEncoder.encode(role, StandardCharsets.UTF_8);
        String admin = "arn:" + partition + ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
        EKS.stubFor(get(urlPathEqualTo(entry)).willReturn(okJson(accessEntryJson().replace(ROLE, role))));
        EKS.stubFor(get(urlPathEqualTo(entry + "/access-policies")).willReturn(okJson(policiesJson().replace(ROLE, role))));
        EKS.stubFor(post(urlPathEqualTo(entry + "/access-policies"))
                .willReturn(okJson(associatedJson().replace(ROLE, role).replace(ADMIN, admin))));

        Lambdas.invoke(new GrantAccessHandler(wiring(Map.of("CLUSTER_ACCESS_ROLE_ARN", role, "PARTITION", partition))),
                Map.of("cluster", cluster("API")));

        EKS.verify(postRequestedFor(urlPathEqualTo(entry + "/access-policies"))
                .withRequestBody(equalToJson("{\"policyArn\": \"" + admin + "\", \"accessScope\": {\"type\": \"cluster\"}}")));
    }

    /** IAM GetRole (query protocol, XML) for the cluster access role, created at {@code createDate}. */
    private static void stubGetRole(String createDate) {
        EKS.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=GetRole")).willReturn(
                aResponse().withHeader("Content-Type", "text/xml").withBody("""
                        <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>
                        <Path>/</Path><RoleName>mesh-onboarder-cluster-access</RoleName><RoleId>AROAQXYZEXAMPLE7ROLE</RoleId>
                        <Arn>%s</Arn><CreateDate>%s</CreateDate></Role></GetRoleResult>
                        <ResponseMetadata><RequestId>7a62c49f</RequestId></ResponseMetadata></GetRoleResponse>"""
                        .formatted(ROLE, createDate))));
    }

    /** EKS with no access entry at first; a create or an association is seen by later reads. */
    private static void stubEksThatRemembersWrites() {
        EKS.stubFor(get(urlPathEqualTo(ENTRY_PATH)).inScenario("entry").whenScenarioStateIs(STARTED)
                .willReturn(EksWire.error(404, "ResourceNotFoundException", "The specified principalArn could not be found.")));
        EKS.stubFor(post(urlPathEqualTo("/clusters/" + CLUSTER + "/access-entries")).inScenario("entry")
                .whenScenarioStateIs(STARTED).willSetStateTo("created").willReturn(okJson(accessEntryJson())));
        EKS.stubFor(get(urlPathEqualTo(ENTRY_PATH)).inScenario("entry").whenScenarioStateIs("created")
                .willReturn(okJson(accessEntryJson())));

        EKS.stubFor(get(urlPathEqualTo(POLICIES_PATH)).inScenario("policy").whenScenarioStateIs(STARTED)
                .willReturn(okJson(policiesJson())));
        EKS.stubFor(post(urlPathEqualTo(POLICIES_PATH)).inScenario("policy").whenScenarioStateIs(STARTED)
                .willSetStateTo("associated").willReturn(okJson(associatedJson())));
        EKS.stubFor(get(urlPathEqualTo(POLICIES_PATH)).inScenario("policy").whenScenarioStateIs("associated")
                .willReturn(okJson(policiesJson(adminPolicyJson()))));
    }

    private static GrantAccessHandler handler() {
        return new GrantAccessHandler(wiring(Map.of("CLUSTER_ACCESS_ROLE_ARN", ROLE)));
    }

    private static Wiring wiring(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(variables);
        env.put("AWS_REGION", REGION);
        env.putIfAbsent("PARTITION", "aws");
        return new Wiring(new Env(env), new AwsClients(REGION, URI.create(EKS.baseUrl()), MotoServer.credentials()));
    }

    private static Cluster cluster(String authenticationMode) {
        return new Cluster(CLUSTER, REGION, "mesh1", "vpc-0a1b2c3d", "arn:aws:eks:us-east-1:123456789012:cluster/eks-1",
                "ACTIVE", "https://ABCD.gr7.us-east-1.eks.amazonaws.com", IpFamily.IPV4, "vpc-0a1b2c3d", "1.33",
                authenticationMode, false);
    }

    private static String accessEntryJson() {
        return """
                {"accessEntry": {"clusterName": "%s", "principalArn": "%s", "type": "STANDARD",
                 "accessEntryArn": "arn:aws:eks:us-east-1:123456789012:access-entry/eks-1/role/123456789012/mesh-onboarder-cluster-access/3ec9b3c4",
                 "kubernetesGroups": [], "username": "arn:aws:sts::123456789012:assumed-role/mesh-onboarder-cluster-access/{{SessionName}}",
                 "createdAt": 1767225600, "modifiedAt": 1767225600, "tags": {}}}
                """.formatted(CLUSTER, ROLE);
    }

    private static String adminPolicyJson() {
        return "{\"policyArn\": \"" + ADMIN + "\", \"accessScope\": {\"type\": \"cluster\", \"namespaces\": []},"
                + " \"associatedAt\": 1767225600, \"modifiedAt\": 1767225600}";
    }

    private static String policiesJson(String... policies) {
        return "{\"clusterName\": \"" + CLUSTER + "\", \"principalArn\": \"" + ROLE + "\", \"associatedAccessPolicies\": ["
                + String.join(",", policies) + "]}";
    }

    private static String associatedJson() {
        return "{\"clusterName\": \"" + CLUSTER + "\", \"principalArn\": \"" + ROLE + "\", \"associatedAccessPolicy\": "
                + adminPolicyJson() + "}";
    }
}
