package io.fenz.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.observability.TracedSql;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The MySQL/MariaDB connection pool plus JDBI. Repositories call {@link #withHandle}: inside
 * {@link TransactionRunner#inTransaction} they join the open transaction, so use cases can
 * make several repositories' writes atomic without seeing JDBI.
 */
public final class Database implements TransactionRunner, AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final ThreadLocal<Handle> currentTransaction = new ThreadLocal<>();

  public Database(FenzConfig.Database config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.url());
    if (config.user() != null) {
      hikari.setUsername(config.user());
    }
    if (config.password() != null) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setPoolName("fenz-db");
    hikari.setConnectionTimeout(5_000);
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("useServerPrepStmts", "false");
    this.dataSource = new HikariDataSource(hikari);
    this.jdbi = Jdbi.create(dataSource);
    jdbi.setSqlLogger(new TracedSql());
  }

  /** Applies pending Flyway migrations from classpath:db/migration. */
  public MigrateResult migrate() {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public <T> T withHandle(Function<Handle, T> work) {
    Handle open = currentTransaction.get();
    if (open != null) {
      return work.apply(open);
    }
    return jdbi.withHandle(work::apply);
  }

  @Override
  public <T> T inTransaction(java.util.function.Supplier<T> work) {
    if (currentTransaction.get() != null) {
      return work.get();
    }
    return jdbi.inTransaction(handle -> {
      currentTransaction.set(handle);
      try {
        return work.get();
      } finally {
        currentTransaction.remove();
      }
    });
  }

  public boolean ping() {
    return withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
