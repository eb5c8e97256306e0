package meshonboarder.reconcile;

import meshonboarder.errors.CaughtError;
import meshonboarder.mesh.Member;

/**
 * One item of {@code $.rotations}: the member with RotateReaderToken's {@link TokenRotation}, or with the error
 * RotationFailed keeps.
 */
public record RotatedMember(Member member, TokenRotation rotation, CaughtError error) {
}
