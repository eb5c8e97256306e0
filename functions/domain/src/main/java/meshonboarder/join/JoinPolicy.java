package meshonboarder.join;

import java.util.Map;
import java.util.Set;
import meshonboarder.cluster.IpFamily;

/**
 * Which clusters may join one mesh. An empty set or map places no limit of its kind, except that a cluster's
 * account must always be admitted: by {@code accounts} (where {@code "*"} admits every account) or by
 * {@code organizationalUnits}.
 *
 * @param accounts            account ids admitted, or {@code "*"}
 * @param organizationalUnits ids of organizational units ({@code ou-...}) whose accounts are admitted (direct parents)
 * @param regions             regions admitted; empty: any
 * @param ipFamilies          IP families admitted; empty: both
 * @param requiredTags        tags the cluster must carry, key to value; the value {@code "*"} asks only for the key
 * @param maxMembers          the largest number of members the mesh may have; null: no limit
 * @param approval            a new member waits for a person's approval (RequestApproval) before anything is written
 */
public record JoinPolicy(Set<String> accounts, Set<String> organizationalUnits, Set<String> regions,
                         Set<IpFamily> ipFamilies, Map<String, String> requiredTags, Integer maxMembers,
                         boolean approval) {

    public static final String ANY = "*";

    public JoinPolicy {
        accounts = Set.copyOf(accounts);
        organizationalUnits = Set.copyOf(organizationalUnits);
        regions = Set.copyOf(regions);
        ipFamilies = Set.copyOf(ipFamilies);
        requiredTags = Map.copyOf(requiredTags);
    }

    /** The policy of a mesh that has none: the hub's own account only, which is what a single-account stack does. */
    public static JoinPolicy hubOnly(String hubAccount) {
        return new JoinPolicy(Set.of(hubAccount), Set.of(), Set.of(), Set.of(), Map.of(), null, false);
    }

    boolean admitsEveryAccount() {
        return accounts.contains(ANY);
    }
}
