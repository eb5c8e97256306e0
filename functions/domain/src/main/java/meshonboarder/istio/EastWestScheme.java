package meshonboarder.istio;

import meshonboarder.remote.ExchangeSettings;
import meshonboarder.settings.Env;

/**
 * The east-west gateways' scheme ({@code EASTWEST_LB_SCHEME}): {@code auto} (the default) is internet-facing, as the
 * AWS post has it, unless the members' VPCs are declared connected ({@code PRIVATE_API_ENDPOINTS=true}): an internal
 * NLB is reachable only from connected VPCs, so with separate ones it would carry no cross-network traffic. Its own
 * class so that only the steps that read these variables reach them.
 */
public final class EastWestScheme {

    static final String AUTO = "auto";

    private EastWestScheme() {
    }

    public static LoadBalancerScheme from(Env env) {
        String value = env.string("EASTWEST_LB_SCHEME", AUTO);
        if (!AUTO.equals(value)) {
            return LoadBalancerScheme.of("EASTWEST_LB_SCHEME", value);
        }
        return env.bool(ExchangeSettings.PRIVATE_API_ENDPOINTS, false) ? LoadBalancerScheme.INTERNAL
                : LoadBalancerScheme.INTERNET_FACING;
    }
}
