package meshonboarder.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads {@code $.removal}, the departure's remote-secret removals: {@link RemovalResult}s, or the Catch's UNREACHED ones. */
public final class Removals {

    private Removals() {
    }

    /** The peers where a removal (either way) failed: a remote secret may still join them to the departed member. */
    public static List<String> unreached(List<JsonNode> removal) {
        return (removal == null ? List.<JsonNode>of() : removal).stream()
                .filter(r -> RemovalStatus.UNREACHED.name().equals(r.path("status").asText()))
                .map(r -> r.path("peer").path("clusterName").asText("?"))
                .toList();
    }
}
