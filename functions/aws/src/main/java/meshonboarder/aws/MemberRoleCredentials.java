package meshonboarder.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Credentials of a member account's role (STS AssumeRole), renewed before they expire. A class of its own so that
 * {@link AwsClients} loads STS's credential provider only when a function calls into a member account.
 */
final class MemberRoleCredentials {

    private MemberRoleCredentials() {
    }

    static AwsCredentialsProvider of(StsClient sts, String roleArn, String sessionName) {
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName))
                .build();
    }
}
