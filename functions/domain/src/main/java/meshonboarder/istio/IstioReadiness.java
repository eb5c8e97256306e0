package meshonboarder.istio;

import java.util.List;
import meshonboarder.wait.WaitCheck;

/**
 * One check of the WaitIstioReady loop ({@code $.istioReady}); the ASL reads {@code ready}, {@code attempt}
 * and {@code waitSeconds}.
 *
 * @param istiodAvailable      the istiod Deployment has an available replica
 * @param loadBalancerAssigned the east-west gateway Service has an NLB hostname or IP (true when there is
 *                             no east-west gateway)
 * @param gatewayPodsReady     the east-west gateway has ready pods (true when there is none)
 * @param eastWestAddress      the NLB's hostname or IP, once assigned
 * @param waitingFor           what is still missing, in words, for the console and the time-out message
 */
public record IstioReadiness(boolean ready, int attempt, int waitSeconds, boolean istiodAvailable,
                             boolean loadBalancerAssigned, boolean gatewayPodsReady, String eastWestAddress,
                             List<String> waitingFor) implements WaitCheck {

    public IstioReadiness {
        waitingFor = waitingFor == null ? List.of() : List.copyOf(waitingFor);
    }
}
