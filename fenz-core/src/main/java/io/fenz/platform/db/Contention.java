package io.fenz.platform.db;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place database work meets contention. A deadlock (1213) or lock wait timeout (1205) is
 * retried a bounded number of times with jittered backoff: InnoDB rolled the work back, so running
 * it again is safe. When the retries run out, or no pooled connection frees up within the pool's
 * wait, or a statement is stopped at its time limit ({@link Database#share}), the caller gets 503
 * {@code busy} with Retry-After instead of an error page.
 */
final class Contention {
  static final int MAX_RETRIES = 4;

  /** MariaDB's HA_ERR_ABORTED_BY_USER, as the server reports it ({@link #isStatementTimeout}). */
  private static final int INTERRUPTED_IN_ENGINE = 188;

  static final long RETRY_AFTER_SECONDS = 1;
  private static final String TOO_SLOW =
      "The database is too slow for this right now; try again shortly.";

  private final FailsafeExecutor<Object> retrying;
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong busyOnLocks = new AtomicLong();
  private final AtomicLong busyOnPool = new AtomicLong();
  private final AtomicLong busyOnShare = new AtomicLong();
  private final AtomicLong busyOnTime = new AtomicLong();
  private final AtomicLong busyOnDeadline = new AtomicLong();
  private final AtomicLong busyOnConnection = new AtomicLong();

  /** Run when a connection is found broken: the pool's others most likely are too. */
  private final Runnable onConnectionLost;

  Contention(Duration firstBackoff, Duration maxBackoff, Runnable onConnectionLost) {
    this.onConnectionLost = onConnectionLost;
    RetryPolicy<Object> policy =
        RetryPolicy.builder()
            .handleIf(LockConflicts::isLockConflict)
            .withMaxRetries(MAX_RETRIES)
            .withBackoff(firstBackoff, maxBackoff)
            .withJitter(0.5)
            .onRetry(e -> retries.incrementAndGet())
            .build();
    this.retrying = Failsafe.with(policy);
  }

  /** Runs {@code work} (a whole transaction, or autocommit statements), retrying lock conflicts. */
  @SuppressWarnings("unchecked")
  <T> T run(CheckedSupplier<T> work) {
    try {
      return (T) retrying.get((CheckedSupplier<Object>) work);
    } catch (RuntimeException e) {
      if (LockConflicts.isLockConflict(e)) {
        busyOnLocks.incrementAndGet();
        throw busy("The database is busy with conflicting writes; try again shortly.");
      }
      if (isPoolExhausted(e)) {
        busyOnPool.incrementAndGet();
        throw busy("Every database connection is in use; try again shortly.");
      }
      if (isStatementTimeout(e)) {
        busyOnTime.incrementAndGet();
        throw busy(TOO_SLOW);
      }
      if (isConnectionLost(e)) {
        busyOnConnection.incrementAndGet();
        onConnectionLost.run();
        throw busy("The database could not be reached; try again shortly.");
      }
      throw e;
    }
  }

  /** The answer to a caller of a {@link Database.Share} whose every turn stayed taken. */
  FenzException busyOnShare() {
    busyOnShare.incrementAndGet();
    return busy("Every connection this kind of work may use is taken; try again shortly.");
  }

  /**
   * The answer to a caller of a {@link Database.Share} whose work did not answer in time. The work
   * goes on until the database stops it, then counted as any statement stopped at its limit.
   */
  FenzException busyOnDeadline() {
    busyOnDeadline.incrementAndGet();
    return busy(TOO_SLOW);
  }

  long retries() {
    return retries.get();
  }

  /**
   * Counted here (the pool opens before the process's registry exists) and read by the registry.
   */
  void bindTo(MeterRegistry meters) {
    FunctionCounter.builder("fenz.db.lock.retries", retries, AtomicLong::get)
        .description("Transactions run again after a deadlock or lock wait timeout")
        .register(meters);
    Map.of(
            "locks",
            busyOnLocks,
            "pool",
            busyOnPool,
            "share",
            busyOnShare,
            "time",
            busyOnTime,
            "deadline",
            busyOnDeadline,
            "connection",
            busyOnConnection)
        .forEach(
            (reason, count) ->
                FunctionCounter.builder("fenz.db.busy", count, AtomicLong::get)
                    .tag("reason", reason)
                    .description("Requests answered 503 busy")
                    .register(meters));
  }

  static FenzException busy(String message) {
    return new FenzException(
        ErrorKind.UNAVAILABLE,
        "busy",
        message,
        List.of(),
        Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
  }

  /**
   * A statement stopped at its query timeout: MariaDB's max_statement_time (1969) or the driver's
   * KILL QUERY on MySQL (1317), both SQLSTATE 70100, which the driver reports as
   * SQLTimeoutException; or, when the stop lands inside an InnoDB FULLTEXT search on MariaDB, the
   * storage engine's "interrupted" (188, SQLSTATE HY000), as a plain SQLException.
   */
  static boolean isStatementTimeout(Throwable error) {
    return Causes.any(
        error,
        t ->
            t instanceof SQLTimeoutException
                || t instanceof SQLException sql && sql.getErrorCode() == INTERRUPTED_IN_ENGINE);
  }

  /**
   * The connection broke under the statement, or a new one could not be made: SQLSTATE class 08 (a
   * pooled connection whose server went away fails its first use so; the pool then drops it). Not
   * retried here: whether a transaction's commit got through is unknown.
   */
  static boolean isConnectionLost(Throwable error) {
    return Causes.any(
        error,
        t ->
            t instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("08"));
  }

  /** HikariCP reports a wait for a connection that ran out as SQLTransientConnectionException. */
  static boolean isPoolExhausted(Throwable error) {
    return Causes.any(error, SQLTransientConnectionException.class::isInstance);
  }
}
