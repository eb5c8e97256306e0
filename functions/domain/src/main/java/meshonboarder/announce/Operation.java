package meshonboarder.announce;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which state machine announces ({@code operation} in Announce's Parameters). */
public enum Operation {
    @JsonProperty("onboard")
    ONBOARD,
    @JsonProperty("offboard")
    OFFBOARD
}
