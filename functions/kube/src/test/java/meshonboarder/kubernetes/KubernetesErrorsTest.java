package meshonboarder.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.stream.Stream;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.Transient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubernetesErrorsTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new KubernetesClientException("get failed", new ConnectException("refused")),
                        Transient.class),
                // what fabric8 7 with the JDK client throws when the connection attempt (or its TLS handshake)
                // gets no answer: an endpoint behind a closed security group, or private-only, from outside
                Arguments.of(new KubernetesClientException("get failed", new IOException("HTTP connect timed out",
                        new HttpConnectTimeoutException("HTTP connect timed out"))), Transient.class),
                Arguments.of(new KubernetesClientException("bad json", new IllegalStateException("parse")),
                        KubernetesClientException.class),
                Arguments.of(new KubernetesClientException("unavailable", 503, null), Transient.class),
                Arguments.of(new KubernetesClientException("internal", 500, null), Transient.class),
                Arguments.of(new KubernetesClientException("slow down", 429, null), Transient.class),
                Arguments.of(new KubernetesClientException("conflict", 409, null), Transient.class),
                Arguments.of(new KubernetesClientException("forbidden", 403, null), AccessDenied.class),
                Arguments.of(new KubernetesClientException("unauthorized", 401, null), AccessDenied.class),
                Arguments.of(new KubernetesClientException("invalid", 422, null), KubernetesClientException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void translate_whenClientFails_namesTheError(KubernetesClientException e, Class<?> expected) {
        assertThat(KubernetesErrors.translate(e, "reading DaemonSet kube-system/aws-node of cluster 'eks-1'"))
                .isInstanceOf(expected);
    }
}
