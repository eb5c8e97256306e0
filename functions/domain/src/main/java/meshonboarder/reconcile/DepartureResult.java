package meshonboarder.reconcile;

import meshonboarder.errors.CaughtError;
import meshonboarder.remote.Retirement;

/**
 * One item of {@code $.departures}: DepartureDone's {@code {departure, retirement}}, or DepartureFailed's
 * {@code {departure, error}} when a step of the departure failed.
 */
public record DepartureResult(Departure departure, Retirement retirement, CaughtError error) {
}
