package meshonboarder.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Onboarding records in memory, with the store's conditions: a claim held by another unexpired holder refuses. */
public final class InMemoryOnboardingRecords implements OnboardingRecords {

    private final Map<String, OnboardingRecord> records = new ConcurrentHashMap<>();
    private int writes;

    public InMemoryOnboardingRecords put(OnboardingRecord record) {
        records.put(key(record.region(), record.clusterName()), record);
        return this;
    }

    public int writes() {
        return writes;
    }

    @Override
    public List<OnboardingRecord> list() {
        return new ArrayList<>(records.values());
    }

    @Override
    public Optional<OnboardingRecord> find(String region, String clusterName) {
        return Optional.ofNullable(records.get(key(region, clusterName)));
    }

    @Override
    public synchronized boolean claim(String region, String clusterName, String meshId, String holder, Instant now,
                                      Instant expiresAt, String tagsDigest) {
        OnboardingRecord old = records.get(key(region, clusterName));
        if (old != null && old.running(now)) {
            return holder.equals(old.holder());
        }
        boolean newPeriod = old == null || old.firstAttemptAt() == null;
        records.put(key(region, clusterName), new OnboardingRecord(region, clusterName, meshId, holder, expiresAt,
                old == null ? null : old.lastOutcome(), old == null ? null : old.lastError(),
                newPeriod ? now : old.firstAttemptAt(), now, tagsDigest));
        writes++;
        return true;
    }

    @Override
    public synchronized void finish(String region, String clusterName, String holder, OnboardingOutcome outcome,
                                    String error, Instant now) {
        OnboardingRecord old = records.get(key(region, clusterName));
        if (old != null && old.running(now) && !holder.equals(old.holder())) {
            return;
        }
        // a success ends the time outside the mesh
        Instant first = outcome == OnboardingOutcome.SUCCEEDED ? null
                : old == null || old.firstAttemptAt() == null ? now : old.firstAttemptAt();
        records.put(key(region, clusterName), new OnboardingRecord(region, clusterName,
                old == null ? null : old.meshId(), null, null, outcome, error, first,
                old == null || !holder.equals(old.holder()) ? now : old.lastAttemptAt(),
                old == null || !holder.equals(old.holder()) ? null : old.tagsDigest()));
        writes++;
    }

    private static String key(String region, String clusterName) {
        return region + "/" + clusterName;
    }
}
