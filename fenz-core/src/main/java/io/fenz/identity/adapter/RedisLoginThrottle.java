package io.fenz.identity.adapter;

import io.fenz.identity.port.LoginThrottle;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Failed logins per account ({@code login:fail:{hash}}) and login/registration attempts per client
 * address ({@code auth:address:{hash}}, one-minute windows), in Redis with a per-process fallback.
 */
@Singleton
public final class RedisLoginThrottle implements LoginThrottle {
  private final WindowCounter failures;
  private final WindowCounter attempts;
  private final int maxFailures;
  private final int attemptsPerMinute;

  @Inject
  public RedisLoginThrottle(RedisStore redis, FenzConfig.Auth auth) {
    this.failures = new WindowCounter(redis, "login:fail", auth.loginWindow());
    this.attempts = new WindowCounter(redis, "auth:address", Duration.ofMinutes(1));
    this.maxFailures = auth.loginMaxFailures();
    this.attemptsPerMinute = auth.authAttemptsPerMinute();
  }

  @Override
  public Optional<Duration> attempt(String clientAddress) {
    if (attemptsPerMinute == 0 || clientAddress == null) {
      return Optional.empty();
    }
    return attempts.increment(clientAddress) > attemptsPerMinute
        ? Optional.of(attempts.remaining(clientAddress))
        : Optional.empty();
  }

  @Override
  public Optional<Duration> blockedFor(String account) {
    return failures.count(account) >= maxFailures
        ? Optional.of(failures.remaining(account))
        : Optional.empty();
  }

  @Override
  public void recordFailure(String account) {
    failures.increment(account);
  }

  @Override
  public void reset(String account) {
    failures.reset(account);
  }
}
