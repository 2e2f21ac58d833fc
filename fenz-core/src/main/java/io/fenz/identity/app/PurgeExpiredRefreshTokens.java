package io.fenz.identity.app;

import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * Deletes refresh tokens a day past expiry; the day keeps late reuse detectable a little longer.
 */
public final class PurgeExpiredRefreshTokens {
  static final Duration GRACE = Duration.ofDays(1);
  private final RefreshTokenStore refreshTokens;
  private final Clock clock;

  @Inject
  public PurgeExpiredRefreshTokens(RefreshTokenStore refreshTokens, Clock clock) {
    this.refreshTokens = refreshTokens;
    this.clock = clock;
  }

  public int execute() {
    return UseCaseSpan.call("PurgeExpiredRefreshTokens", () -> perform());
  }

  private int perform() {
    return refreshTokens.deleteExpired(clock.instant().minus(GRACE));
  }
}
