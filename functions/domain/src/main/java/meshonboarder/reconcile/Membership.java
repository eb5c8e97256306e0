package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.mesh.Member;

/**
 * The output of {@code CheckMembership} ({@code $.membership}): the mesh's membership records against EKS.
 *
 * @param members        the members that stay (their cluster exists and still carries the mesh tag)
 * @param departed       the members that leave in this run
 * @param maxConcurrency how many clusters the Map states handle at once
 * @param deferred       members that depart too, but in the next run: a run removes at most
 *                       {@link ReconcileBounds#DEPARTURES_PER_RUN} (the history quota, docs/reconciler.md)
 */
public record Membership(String meshId, List<Member> members, List<Departure> departed, int maxConcurrency,
                         List<String> deferred) {

    public Membership {
        deferred = deferred == null ? List.of() : List.copyOf(deferred);
    }

    public Membership(String meshId, List<Member> members, List<Departure> departed, int maxConcurrency) {
        this(meshId, members, departed, maxConcurrency, List.of());
    }
}
