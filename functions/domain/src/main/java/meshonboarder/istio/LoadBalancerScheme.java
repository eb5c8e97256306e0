package meshonboarder.istio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import meshonboarder.errors.InvalidInput;

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
