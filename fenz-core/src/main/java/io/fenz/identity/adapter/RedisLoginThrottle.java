package io.fenz.identity.adapter;

import io.fenz.identity.port.LoginThrottle;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.redis.RedisStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Failed logins per account ({@code login:fail:{hash}}) and login/registration attempts per client
 * address ({@code auth:address:{hash}}, one-minute windows), in Redis with a per-process fallback.
 * Counted in {@code fenz_login_failures_total} and {@code fenz_login_throttled_total{limit}}.
 */
@Singleton
public final class RedisLoginThrottle implements LoginThrottle {
  private final WindowCounter failures;
  private final WindowCounter attempts;
  private final int maxFailures;
  private final int attemptsPerMinute;
  private final Counter failed;
  private final Counter accountThrottled;
  private final Counter addressThrottled;

  @Inject
  public RedisLoginThrottle(RedisStore redis, FenzConfig.Auth auth, MeterRegistry meters) {
    this.failures = new WindowCounter(redis, "login:fail", auth.loginWindow());
    this.attempts = new WindowCounter(redis, "auth:address", Duration.ofMinutes(1));
    this.maxFailures = auth.loginMaxFailures();
    this.attemptsPerMinute = auth.authAttemptsPerMinute();
    this.failed = meters.counter("fenz.login.failures");
    this.accountThrottled = meters.counter("fenz.login.throttled", "limit", "account");
    this.addressThrottled = meters.counter("fenz.login.throttled", "limit", "address");
  }

  @Override
  public Optional<Duration> attempt(String clientAddress) {
    if (attemptsPerMinute == 0 || clientAddress == null) {
      return Optional.empty();
    }
    if (attempts.increment(clientAddress) <= attemptsPerMinute) {
      return Optional.empty();
    }
    addressThrottled.increment();
    return Optional.of(attempts.remaining(clientAddress));
  }

  @Override
  public Optional<Duration> blockedFor(String account) {
    if (failures.count(account) < maxFailures) {
      return Optional.empty();
    }
    accountThrottled.increment();
    return Optional.of(failures.remaining(account));
  }

  @Override
  public void recordFailure(String account) {
    failed.increment();
    failures.increment(account);
  }

  @Override
  public void reset(String account) {
    failures.reset(account);
  }
}
