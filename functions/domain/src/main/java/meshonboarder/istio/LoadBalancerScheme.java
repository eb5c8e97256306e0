package meshonboarder.istio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import meshonboarder.errors.InvalidInput;
import meshonboarder.remote.ExchangeSettings;
import meshonboarder.settings.Env;

/** Whether an NLB gets public addresses ({@code service.beta.kubernetes.io/aws-load-balancer-scheme}). */
public enum LoadBalancerScheme {
    INTERNAL("internal"),
    INTERNET_FACING("internet-facing");

    private final String value;

    LoadBalancerScheme(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** The east-west scheme that follows whether the members' VPCs are connected. */
    static final String AUTO = "auto";

    /**
     * The east-west gateways' scheme ({@code EASTWEST_LB_SCHEME}): {@code auto} (the default) is internet-facing, as
     * the AWS post has it, unless the members' VPCs are declared connected ({@code PRIVATE_API_ENDPOINTS=true}): an
     * internal NLB is reachable only from connected VPCs, so with separate ones it would carry no cross-network
     * traffic.
     */
    public static LoadBalancerScheme eastWest(Env env) {
        String value = env.string("EASTWEST_LB_SCHEME", AUTO);
        if (!AUTO.equals(value)) {
            return of("EASTWEST_LB_SCHEME", value);
        }
        return env.bool(ExchangeSettings.PRIVATE_API_ENDPOINTS, false) ? INTERNAL : INTERNET_FACING;
    }

    /** As the execution state spells it. */
    @JsonCreator
    public static LoadBalancerScheme of(String value) {
        return of("the scheme", value);
    }

    public static LoadBalancerScheme of(String variable, String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput("The environment variable " + variable + " must be one of "
                        + Arrays.stream(values()).map(LoadBalancerScheme::value).collect(Collectors.joining(", "))
                        + ", not '" + value + "'."));
    }
}
