package meshonboarder.istio;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.errors.InvalidInput;
import meshonboarder.settings.Env;

/**
 * How Istio is installed, from the function's environment (the template's parameters).
 *
 * @param version           chart version of every release ({@code ISTIO_VERSION}); 1.30 or newer
 * @param repository        where the charts come from ({@code ISTIO_CHART_REPOSITORY})
 * @param ingressGateway    also install the {@code istio-ingressgateway} release ({@code INSTALL_INGRESS_GATEWAY})
 * @param eastWestScheme    NLB scheme of the east-west gateway ({@code EASTWEST_LB_SCHEME}); {@code auto} (the
 *                          default) is internet-facing, as the AWS post has it, unless the members' VPCs are declared
 *                          connected ({@code PRIVATE_API_ENDPOINTS=true}): an internal NLB is reachable only from
 *                          connected VPCs, so with separate ones it would carry no cross-network traffic
 * @param valuesParameter   where the user's extra values live, if anywhere ({@code ISTIO_VALUES_PARAMETER}):
 *                          an SSM parameter name or an {@code s3://bucket/key} object
 */
public record IstioSettings(String version, ChartRepository repository, boolean ingressGateway,
                            LoadBalancerScheme eastWestScheme, Optional<String> valuesParameter) {

    /** The floor of {@link IstioReleasePolicy}: the first release without the known rotation and departure bugs. */
    public static final String DEFAULT_VERSION = IstioReleasePolicy.DEFAULT_VERSION;

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(-[0-9A-Za-z.-]+)?");

    public static IstioSettings from(Env env) {
        return new IstioSettings(
                version(env.string("ISTIO_VERSION", DEFAULT_VERSION)),
                ChartRepository.from(env),
                env.bool("INSTALL_INGRESS_GATEWAY", false),
                EastWestScheme.from(env),
                env.optional("ISTIO_VALUES_PARAMETER"));
    }

    /**
     * Istio before 1.30 hands every proxy both address families of a dual-stack east-west gateway, which
     * breaks meshes that mix IPv4 and IPv6 clusters: older versions are refused rather than half working.
     */
    private static String version(String value) {
        Matcher m = VERSION.matcher(value);
        if (!m.matches()) {
            throw new InvalidInput("The environment variable ISTIO_VERSION must be an Istio release such as "
                    + DEFAULT_VERSION + ", not '" + value + "'.");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 1 || (major == 1 && minor < 30)) {
            throw new InvalidInput("ISTIO_VERSION " + value + " is older than 1.30, whose proxies mishandle the "
                    + "dual-stack east-west gateways that join IPv4 and IPv6 clusters; use " + DEFAULT_VERSION
                    + " or newer.");
        }
        return value;
    }
}
