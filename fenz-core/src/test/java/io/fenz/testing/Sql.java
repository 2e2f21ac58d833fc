package io.fenz.testing;

import io.fenz.devstack.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Direct SQL against a test class's database, for arranging fixtures and checking what was stored.
 */
public final class Sql {
  private Sql() {}

  public static void execute(TestEnvironment env, String... statements) {
    try (Connection c = DriverManager.getConnection(env.jdbcUrl());
        Statement st = c.createStatement()) {
      for (String statement : statements) {
        st.executeUpdate(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row, as text (null for SQL NULL). */
  public static String text(TestEnvironment env, String select) {
    try (Connection c = DriverManager.getConnection(env.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery(select)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long count(TestEnvironment env, String select) {
    String value = text(env, select);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** Runs an INSERT and returns its generated id. */
  public static long insert(TestEnvironment env, String insert) {
    try (Connection c = DriverManager.getConnection(env.jdbcUrl());
        Statement st = c.createStatement()) {
      st.executeUpdate(insert, Statement.RETURN_GENERATED_KEYS);
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether a command-line tool (ffmpeg, redis-server...) can be run here; tests needing one skip
   * without it.
   */
  public static boolean onPath(String tool) {
    for (String flag : new String[] {"--version", "-version"}) {
      try {
        if (new ProcessBuilder(tool, flag)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor()
            == 0) {
          return true;
        }
      } catch (Exception e) {
        return false;
      }
    }
    return false;
  }
}
