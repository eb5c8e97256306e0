package meshonboarder.reconcile;

import meshonboarder.errors.CaughtError;
import java.util.List;

/**
 * One item of {@code $.rotations}: the name and old token Secrets of RotateReaderToken's {@link TokenRotation}, or
 * RotationFailed's {@code {clusterName, error}}. Not the member record: one item per member.
 */
public record RotatedMember(String clusterName, List<String> oldTokenSecrets, CaughtError error) {

    public RotatedMember {
        oldTokenSecrets = oldTokenSecrets == null ? List.of() : List.copyOf(oldTokenSecrets);
    }
}
