package meshonboarder.aws;

import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.Transient;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into the state machine's error names: throttling, 5xx and I/O failures are
 * {@link Transient} (retried with backoff), a refused permission is {@link AccessDenied}; anything else
 * is returned unchanged for the caller to name.
 */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** @param action what was being done, for example "reading secret istio-mesh/mesh1/root-ca" */
    public static RuntimeException translate(SdkException e, String action) {
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (service.isThrottlingException() || status >= 500) {
                return new Transient("AWS was briefly unable to answer while " + action + " (" + code + ").", e);
            }
            if (status == 403 || (code != null && code.contains("AccessDenied"))) {
                return new AccessDenied("AWS refused " + action + " (" + code + "): the function's IAM role lacks "
                        + "the permission. Check the policies in template.yaml.", e);
            }
            return e;
        }
        if (e instanceof SdkClientException) {
            return new Transient("Could not reach AWS while " + action + ".", e);
        }
        return e;
    }
}
