package io.fenz.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.observability.TracedSql;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The MySQL/MariaDB connection pool plus JDBI. Repositories call {@link #withHandle}: inside {@link
 * TransactionRunner#inTransaction} they join the open transaction, so use cases can make several
 * repositories' writes atomic without seeing JDBI. The outermost call (a transaction, or a {@code
 * withHandle} outside one) is where {@link Contention} retries deadlocks and lock wait timeouts and
 * turns a saturated pool into 503 {@code busy}; so a {@code withHandle} outside a transaction
 * should hold one write, and several go in a transaction.
 */
public final class Database implements TransactionRunner, AutoCloseable {
  private final FenzConfig.Database config;
  private final HikariDataSource dataSource;
  private final Duration poolWait;
  private final Jdbi jdbi;
  private final ThreadLocal<Handle> currentTransaction = new ThreadLocal<>();
  private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();
  static final int NAMED_LOCK_WAIT_SECONDS = 5;

  /** What a share's caller waits past its work's pool wait and statement limit. */
  static final Duration SHARE_GRACE = Duration.ofSeconds(1);

  /** Each share's work on a virtual thread of its own, so a caller can stop waiting for it. */
  private static final Executor SHARE_THREADS =
      task -> Thread.ofVirtual().name("fenz-db-share").start(task);

  private final Contention contention =
      new Contention(Duration.ofMillis(10), Duration.ofMillis(200), this::dropPooledConnections);

  public Database(FenzConfig.Database config) {
    this.config = config;
    HikariConfig hikari = connections(config, "fenz-db", config.poolSize());
    hikari.setConnectionTimeout(config.poolWait().toMillis());
    this.poolWait = config.poolWait();
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("useServerPrepStmts", "false");
    hikari.addDataSourceProperty("socketTimeout", Long.toString(config.socketTimeout().toMillis()));
    this.dataSource = new HikariDataSource(hikari);
    this.jdbi = Jdbi.create(dataSource);
    jdbi.setSqlLogger(new TracedSql());
  }

  private static HikariConfig connections(FenzConfig.Database config, String name, int size) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.url());
    if (config.user() != null) {
      hikari.setUsername(config.user());
    }
    if (config.password() != null) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(size);
    hikari.setPoolName(name);
    return hikari;
  }

  /**
   * Applies pending Flyway migrations from classpath:db/migration, on a connection of its own
   * without the pool's socket timeout: a migration's DDL may run for minutes without a byte.
   */
  public MigrateResult migrate() {
    try (HikariDataSource migrating =
        new HikariDataSource(connections(config, "fenz-db-migrations", 1))) {
      return Flyway.configure()
          .dataSource(migrating)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public <T> T withHandle(Function<Handle, T> work) {
    Handle open = currentTransaction.get();
    if (open != null) {
      return work.apply(open);
    }
    return contention.run(() -> jdbi.withHandle(work::apply));
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (currentTransaction.get() != null) {
      return work.get();
    }
    List<Runnable> committed = new ArrayList<>();
    T result = contention.run(() -> jdbi.inTransaction(joined(work, committed)));
    committed.forEach(Runnable::run);
    return result;
  }

  /**
   * Reads that must agree with each other: one transaction at REPEATABLE READ (whatever the
   * server's default), whose reads all see the snapshot taken at its first read. Always a
   * connection of its own, never joined to an open transaction.
   */
  public <T> T inSnapshot(Function<Handle, T> reads) {
    return contention.run(
        () -> jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, reads::apply));
  }

  /**
   * A transaction at READ COMMITTED, where InnoDB takes no gap locks for searches (writers of
   * different keys in one index range never wait for each other), run while this connection holds
   * the server-wide named lock {@code lockName}, so writers of the same thing queue instead of
   * deadlocking. The lock is held until after the commit; waiting longer than {@link
   * #NAMED_LOCK_WAIT_SECONDS} is answered {@code busy}. Inside an open transaction, joins it (at
   * that one's level, without the named lock).
   */
  public <T> T inReadCommittedTransaction(String lockName, Supplier<T> work) {
    if (currentTransaction.get() != null) {
      return work.get();
    }
    List<Runnable> committed = new ArrayList<>();
    T result =
        contention.run(
            () ->
                jdbi.withHandle(
                    h -> {
                      Integer granted =
                          h.createQuery("SELECT GET_LOCK(:name, :seconds)")
                              .bind("name", lockName)
                              .bind("seconds", NAMED_LOCK_WAIT_SECONDS)
                              .mapTo(Integer.class)
                              .one();
                      if (granted == null || granted != 1) {
                        throw Contention.busy(
                            "Another change to the same data is still running; try again shortly.");
                      }
                      try {
                        return h.inTransaction(
                            TransactionIsolationLevel.READ_COMMITTED, joined(work, committed));
                      } finally {
                        h.createQuery("SELECT RELEASE_LOCK(:name)")
                            .bind("name", lockName)
                            .mapTo(Integer.class)
                            .one();
                      }
                    }));
    committed.forEach(Runnable::run);
    return result;
  }

  /**
   * Runs {@code work} with its repositories' calls joining {@code handle}'s transaction; what it
   * registers with {@link #afterCommit} lands in {@code committed}, emptied first so a retried
   * attempt starts clean.
   */
  private <T> HandleCallback<T, RuntimeException> joined(
      Supplier<T> work, List<Runnable> committed) {
    return handle -> {
      committed.clear();
      currentTransaction.set(handle);
      afterCommit.set(committed);
      try {
        return work.get();
      } finally {
        currentTransaction.remove();
        afterCommit.remove();
      }
    };
  }

  /**
   * Runs {@code action} once the open transaction commits (never if it rolls back), on this thread
   * before {@link #inTransaction} returns; outside a transaction the statements are already
   * committed, so it runs now.
   */
  public void afterCommit(Runnable action) {
    List<Runnable> pending = afterCommit.get();
    if (pending == null) {
      action.run();
    } else {
      pending.add(action);
    }
  }

  /**
   * At most {@code connections} of the pool for one kind of slow work (a FULLTEXT search holds its
   * connection for seconds at a million videos), so that work can never take the whole pool from
   * everything else, and each of its statements stopped after {@code statementLimit} (whole
   * seconds: JDBC's query timeout, which MariaDB's driver sends as {@code SET STATEMENT
   * max_statement_time=N FOR} and on MySQL enforces with {@code KILL QUERY}; either leaves the
   * connection usable). A caller that finds every turn taken for the pool's wait, or whose
   * statement is stopped, gets 503 {@code busy}, as it would from a saturated pool.
   *
   * <p>The server checks its limit only at points of its own (under load, MariaDB stopped some
   * FULLTEXT statements 10 s late), so the caller does not rely on it: the work runs on a thread of
   * its own, and a caller whose work has not answered within the pool's wait, the statement limit
   * and {@link #SHARE_GRACE} gets {@code busy} at once. The work keeps its turn until it ends, so
   * the database never runs more of it than the share allows.
   */
  public Share share(int connections, Duration statementLimit) {
    if (statementLimit.toNanosPart() != 0 || statementLimit.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "a statement limit is whole seconds, at least one: " + statementLimit);
    }
    return new Share(connections, Math.toIntExact(statementLimit.toSeconds()));
  }

  /** A bounded share of the pool ({@link #share}). */
  public final class Share {
    private final Semaphore turns;
    private final int statementSeconds;
    private final Duration deadline;

    private Share(int connections, int statementSeconds) {
      this.turns = new Semaphore(Math.max(1, connections));
      this.statementSeconds = statementSeconds;
      this.deadline = poolWait.plusSeconds(statementSeconds).plus(SHARE_GRACE);
    }

    /**
     * Runs {@code work} in a turn of the share. Inside an open transaction it runs on this thread
     * (its handle is this thread's), without the caller's deadline.
     */
    public <T> T withHandle(Function<Handle, T> work) {
      try {
        if (!turns.tryAcquire(poolWait.toMillis(), TimeUnit.MILLISECONDS)) {
          throw contention.busyOnShare();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw contention.busyOnShare();
      }
      if (currentTransaction.get() != null) {
        try {
          return limited(work);
        } finally {
          turns.release();
        }
      }
      CompletableFuture<T> running = new CompletableFuture<>();
      Context.current()
          .wrap(SHARE_THREADS)
          .execute(
              () -> {
                try {
                  running.complete(limited(work));
                } catch (Throwable e) {
                  running.completeExceptionally(e);
                } finally {
                  turns.release();
                }
              });
      return awaitAnswer(running);
    }

    private <T> T awaitAnswer(CompletableFuture<T> running) {
      try {
        return running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw contention.busyOnDeadline();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw contention.busyOnDeadline();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    private <T> T limited(Function<Handle, T> work) {
      return Database.this.withHandle(
          h -> {
            SqlStatements statements = h.getConfig(SqlStatements.class);
            // the handle may be an open transaction's, whose later statements keep their own
            Integer before = statements.getQueryTimeout();
            statements.setQueryTimeout(statementSeconds);
            try {
              return work.apply(h);
            } finally {
              statements.setQueryTimeout(before);
            }
          });
    }
  }

  /**
   * Deadlocks and lock wait timeouts retried by this pool so far (also counted as
   * fenz_db_lock_retries_total).
   */
  public long lockRetries() {
    return contention.retries();
  }

  /** Lock retries and busy answers, on the process's registry. */
  public void bindMeters(MeterRegistry meters) {
    contention.bindTo(meters);
  }

  /**
   * Closes the idle connections now and the others as they come back: after a connection broke (the
   * server restarted, the network dropped), each pooled one would otherwise fail a request of its
   * own before the pool noticed.
   */
  private void dropPooledConnections() {
    HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
    if (pool != null) {
      pool.softEvictConnections();
    }
  }

  public boolean ping() {
    return withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
