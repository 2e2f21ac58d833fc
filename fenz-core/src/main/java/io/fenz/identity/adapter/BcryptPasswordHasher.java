package io.fenz.identity.adapter;

import io.fenz.identity.port.PasswordHasher;
import io.fenz.platform.concurrent.Futures;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt on a bounded pool of platform threads of its own. Hashing on the request's virtual thread
 * would occupy a carrier thread (one per core) for the whole hash, so a burst of logins used to
 * starve every other request. A request waits at most {@code FENZ_PASSWORD_HASH_WAIT} for a free
 * thread, then gets 503 {@code busy}.
 */
@Singleton
public final class BcryptPasswordHasher implements PasswordHasher {
  private static final long RETRY_AFTER_SECONDS = 1;
  private final int cost;
  private final Semaphore slots;
  private final ExecutorService pool;
  private final Duration queueWait;

  @Inject
  public BcryptPasswordHasher(FenzConfig.Auth auth) {
    this.cost = auth.bcryptCost();
    this.slots = new Semaphore(auth.passwordHashThreads(), true);
    this.pool =
        Executors.newFixedThreadPool(
            auth.passwordHashThreads(),
            Thread.ofPlatform().name("fenz-password-hash-", 0).daemon().factory());
    this.queueWait = auth.passwordHashWait();
  }

  @Override
  public String hash(String password) {
    return onPool(() -> BCrypt.hashpw(password, BCrypt.gensalt(cost)));
  }

  @Override
  public boolean matches(String password, String hash) {
    return onPool(
        () -> {
          try {
            return BCrypt.checkpw(password, hash);
          } catch (IllegalArgumentException malformedHash) {
            return false;
          }
        });
  }

  private <T> T onPool(Callable<T> work) {
    try {
      if (!slots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new FenzException(
            ErrorKind.UNAVAILABLE,
            "busy",
            "The server is busy; try again shortly.",
            List.of(),
            Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to hash", e);
    }
    try {
      return Futures.await(pool.submit(work), "hashing");
    } finally {
      slots.release();
    }
  }
}
