package meshonboarder.mesh;

import java.util.List;

/**
 * The output of {@code ListPeers} ({@code $.peers}): the members a cluster must exchange remote secrets with.
 *
 * @param peers          every other member that exists and is ACTIVE
 * @param skipped        members left out, with the reason (cluster gone, not ACTIVE)
 * @param maxConcurrency how many peers the Map state handles at once ({@code EXCHANGE_CONCURRENCY})
 */
public record Peers(List<Member> peers, List<Skipped> skipped, int maxConcurrency) {

    public record Skipped(String clusterName, String region, String reason) {
    }
}
