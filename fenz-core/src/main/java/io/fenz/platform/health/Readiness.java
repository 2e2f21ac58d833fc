package io.fenz.platform.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes every dependency in parallel with a deadline, so one hung service can't hang /readyz.
 * {@code details}: facts shown beside the checks that don't decide readiness (e.g. whether Redis
 * persists what it holds).
 */
public final class Readiness {
  public record Report(boolean ready, Map<String, String> checks, Map<String, String> details) {}

  private final List<DependencyCheck> checks;
  private final Duration timeout;
  private final Map<String, String> details;

  public Readiness(List<DependencyCheck> checks, Duration timeout, Map<String, String> details) {
    this.checks = List.copyOf(checks);
    this.timeout = timeout;
    this.details = Map.copyOf(details);
  }

  public Report check() {
    Map<String, String> results = new LinkedHashMap<>();
    boolean ready = true;
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<?>> running = new LinkedHashMap<>();
      for (DependencyCheck check : checks) {
        running.put(
            check.name(),
            executor.submit(
                () -> {
                  check.probe();
                  return null;
                }));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (var entry : running.entrySet()) {
        String outcome;
        try {
          entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          outcome = "ok";
        } catch (TimeoutException e) {
          entry.getValue().cancel(true);
          outcome = "timeout";
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          outcome = "interrupted";
        } catch (ExecutionException e) {
          outcome = e.getCause() instanceof WarmUp.StillWarming ? "warming" : "down";
        } catch (Exception e) {
          outcome = "down";
        }
        ready &= outcome.equals("ok");
        results.put(entry.getKey(), outcome);
      }
      executor.shutdownNow();
    }
    return new Report(ready, results, details);
  }
}
