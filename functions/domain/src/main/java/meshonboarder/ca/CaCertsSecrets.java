package meshonboarder.ca;

import meshonboarder.cluster.ApplyOutcome;

/** Port: the {@code cacerts} Secret of each cluster, in {@code istio-system} (the namespace made if missing). */
public interface CaCertsSecrets {

    /** Writes it unless it holds {@code cacerts} already ({@link ApplyOutcome#UNCHANGED}: a re-run writes nothing). */
    ApplyOutcome apply(String region, String clusterName, CaCerts cacerts);
}
