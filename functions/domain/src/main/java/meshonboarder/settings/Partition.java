package meshonboarder.settings;

import java.util.regex.Pattern;
import meshonboarder.errors.InvalidInput;

/**
 * The AWS partition the function runs in ({@code PARTITION}: template.yaml fills it in with the stack's
 * {@code AWS::Partition}, the same value every ARN of the template is built with). Code that builds an ARN
 * takes it as a plain string, so a stack in China ({@code aws-cn}) or GovCloud ({@code aws-us-gov}) gets ARNs
 * of its own partition.
 */
public final class Partition {

    public static final String VARIABLE = "PARTITION";

    // aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, ...
    private static final Pattern ID = Pattern.compile("aws(-[a-z]+)*");

    private Partition() {
    }

    public static String of(Env env) {
        String id = env.optional(VARIABLE).orElseThrow(() -> new InvalidInput("The environment variable " + VARIABLE
                + " is not set: template.yaml fills it in with AWS::Partition (aws, aws-cn, aws-us-gov, ...)."));
        if (!ID.matcher(id).matches()) {
            throw new InvalidInput("The environment variable " + VARIABLE + " must be an AWS partition such as aws, "
                    + "aws-cn or aws-us-gov (the stack's AWS::Partition), not '" + id + "'.");
        }
        return id;
    }
}
