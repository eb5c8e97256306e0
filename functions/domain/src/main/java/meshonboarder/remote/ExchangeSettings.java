package meshonboarder.remote;

import meshonboarder.settings.Env;

/**
 * How remote secrets name the members' API servers.
 *
 * @param privateApiEndpoints {@code PRIVATE_API_ENDPOINTS}: the members' networks are connected privately (VPC
 *                            peering or Transit Gateway, routes and security groups open on 443), so an endpoint
 *                            with public access disabled may go into remote secrets as it is. Default false: such an
 *                            endpoint fails the exchange with {@link meshonboarder.errors.PrivateApiEndpoint}
 *                            instead of writing a secret istiod cannot use.
 */
public record ExchangeSettings(boolean privateApiEndpoints) {

    public static final String PRIVATE_API_ENDPOINTS = "PRIVATE_API_ENDPOINTS";

    public static ExchangeSettings from(Env env) {
        return new ExchangeSettings(env.bool(PRIVATE_API_ENDPOINTS, false));
    }
}
