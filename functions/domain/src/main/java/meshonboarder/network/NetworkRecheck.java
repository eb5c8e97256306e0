package meshonboarder.network;

/**
 * The output of {@code RecheckNetwork} ({@code $.recheck}): the gateways line read again, and whether it changed.
 * Only the line: the execution state holds one copy of the members' facts ({@code $.network}).
 *
 * @param gateways the mesh's gateways now, as {@link NetworkFacts#gateways()} says them
 */
public record NetworkRecheck(String gateways, NetworkChange change) {
}
