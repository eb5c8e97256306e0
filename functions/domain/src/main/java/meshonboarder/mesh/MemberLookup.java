package meshonboarder.mesh;

/**
 * The output of {@code ResolveMember} ({@code $.lookup}): whether the departing cluster was a member.
 *
 * @param member  the membership record, when found
 * @param message a sentence for the console when it was not
 */
public record MemberLookup(boolean found, String clusterName, String region, Member member, String message) {
}
