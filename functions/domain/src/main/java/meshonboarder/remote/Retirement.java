package meshonboarder.remote;

import java.util.List;

/**
 * The output of {@code RetireMember} ({@code $.retirement}).
 *
 * @param retired        false when a peer still holds the member's remote secret: nothing was changed, so that a
 *                       re-run still finds the member and finishes the job
 * @param reason         why not, when not retired
 * @param unreached      the peers that still hold the secret
 * @param intermediateCa what happened to the member's intermediate CA, when retired
 * @param membership     {@code REMOVED} when retired
 */
public record Retirement(boolean retired, String reason, List<String> unreached, CaRetirement intermediateCa,
                         String membership) {

    public static final String REMOVED = "REMOVED";
}
