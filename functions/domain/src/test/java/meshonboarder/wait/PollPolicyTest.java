package meshonboarder.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import meshonboarder.errors.WaitTimedOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollPolicyTest {

    @ParameterizedTest(name = "interval {0} s, timeout {1} s: {2} attempts")
    @CsvSource({
            "15, 900, 60",
            "15, 1800, 120",
            "10, 25, 3",   // a partial interval still earns its attempt
            "10, 30, 3",
            "1, 5, 5",
            "30, 0, 1",    // at least one check, even with no time at all
            "60, 10, 1",
    })
    void maxAttempts_whenIntervalAndTimeout_roundsUpToWholeChecks(int interval, int timeout, int expected) {
        assertThat(new PollPolicy(interval, timeout).maxAttempts()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "previous attempt {0}, ready {1}: attempt {2}, ready {3}")
    @CsvSource({
            // previous attempt (-1: first check), ready, attempt, ready
            "-1, false, 1, false",
            "-1, true,  1, true",
            "1,  false, 2, false",
            "2,  false, 3, false",
            "2,  true,  3, true",
            "3,  true,  4, true",   // ready on the check after the last: the loop still ends well
    })
    void check_whenPreviousAndReady_countsTheAttemptAndKeepsTheInterval(int previousAttempt, boolean ready,
                                                                        int attempt, boolean expectedReady) {
        PollPolicy poll = new PollPolicy(10, 30);
        WaitCheck previous = previousAttempt < 0 ? null : new WaitCheck.Attempt(false, previousAttempt, 10);

        WaitCheck.Attempt check = poll.check(previous, ready, "mesh-a/eks-1", () -> "the cluster");

        assertThat(check).isEqualTo(new WaitCheck.Attempt(expectedReady, attempt, 10));
    }

    @Test
    void check_whenTheLastAttemptWasNotReady_failsNamingWhatItWaitedForAndTheLimit() {
        PollPolicy poll = new PollPolicy(10, 30);

        assertThatThrownBy(() -> poll.check(new WaitCheck.Attempt(false, 3, 10), false, "mesh-a/eks-1",
                () -> "cluster 'eks-1' to become ACTIVE (it is CREATING)"))
                .isInstanceOf(WaitTimedOut.class)
                .hasMessage("Gave up after 30 s waiting for cluster 'eks-1' to become ACTIVE (it is CREATING).");
    }

    @Test
    void check_whenEveryCheckIsNotReady_endsAfterMaxAttemptsChecks() {
        PollPolicy poll = new PollPolicy(15, 60);
        WaitCheck previous = null;
        int checks = 0;
        try {
            while (true) {
                previous = poll.check(previous, false, "mesh-a/eks-1", () -> "Istio");
                checks++;
            }
        } catch (WaitTimedOut e) {
            assertThat(checks).isEqualTo(poll.maxAttempts()).isEqualTo(4);
        }
    }

    @Test
    void check_whenThePreviousCheckWasReady_startsANewWaitWithItsWholeBudget() {
        PollPolicy poll = new PollPolicy(10, 30);
        WaitCheck endedEarlierLoop = new WaitCheck.Attempt(true, 3, 10);

        WaitCheck.Attempt check = poll.check(endedEarlierLoop, false, "mesh-a/eks-1", () -> "Istio");

        assertThat(check).isEqualTo(new WaitCheck.Attempt(false, 1, 10));
    }

    @Test
    void check_whenReady_doesNotDescribeTheWait() {
        AtomicInteger described = new AtomicInteger();

        new PollPolicy(15, 60).check(null, true, "mesh-a/eks-1", () -> "x" + described.incrementAndGet());

        assertThat(described).hasValue(0);
    }

    @Test
    void constructor_whenIntervalBelowOneSecond_fails() {
        assertThatThrownBy(() -> new PollPolicy(0, 60)).isInstanceOf(IllegalArgumentException.class);
    }
}
