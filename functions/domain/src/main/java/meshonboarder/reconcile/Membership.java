package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.mesh.Member;

/**
 * The output of {@code CheckMembership} ({@code $.membership}): the mesh's membership records against EKS.
 *
 * @param members        the members that stay (their cluster exists and still carries the mesh tag)
 * @param departed       the members that leave
 * @param maxConcurrency how many clusters the Map states handle at once
 */
public record Membership(String meshId, List<Member> members, List<Departure> departed, int maxConcurrency) {
}
