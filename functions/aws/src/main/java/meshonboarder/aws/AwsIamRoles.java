package meshonboarder.aws;

import java.time.Instant;
import meshonboarder.access.IamRoles;
import meshonboarder.errors.AccessDenied;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** {@link IamRoles} over IAM GetRole. */
public final class AwsIamRoles implements IamRoles {

    private final AwsClients aws;

    public AwsIamRoles(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Instant createdAt(String roleArn) {
        // GetRole takes the name: the last segment of the ARN, whatever the role's path
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        try {
            return aws.iam().getRole(r -> r.roleName(name)).role().createDate();
        } catch (NoSuchEntityException e) {
            throw new AccessDenied("The IAM role " + roleArn + " does not exist, so no access entry can let "
                    + "mesh-onboarder into the clusters. Deploy the stack again (it creates the role).", e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the IAM role " + roleArn);
        }
    }
}
