package io.fenz.platform.db;

import java.sql.SQLException;

/** Recognises MySQL/MariaDB duplicate-key errors (1062) anywhere in a cause chain. */
public final class DuplicateKeys {
  private static final int ER_DUP_ENTRY = 1062;

  private DuplicateKeys() {}

  public static boolean isDuplicateKey(Throwable error) {
    return Causes.any(
        error,
        t ->
            t instanceof SQLException sql
                && (sql.getErrorCode() == ER_DUP_ENTRY
                    || "23000".equals(sql.getSQLState()) && sql.getErrorCode() == ER_DUP_ENTRY));
  }
}
