package meshonboarder.access;

import java.time.Instant;

/** Port: IAM roles, read-only (IAM GetRole). */
public interface IamRoles {

    /**
     * When the role of this ARN was created. A role deleted and created again under the same name gets a new
     * creation date (and a new role id).
     */
    Instant createdAt(String roleArn);
}
