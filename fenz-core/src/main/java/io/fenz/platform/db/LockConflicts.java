package io.fenz.platform.db;

import java.sql.SQLException;

/**
 * Recognises a transaction that lost a lock race (deadlock 1213, lock wait timeout 1205): safe to
 * run again.
 */
public final class LockConflicts {
  private static final int ER_LOCK_DEADLOCK = 1213;
  private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

  private LockConflicts() {}

  public static boolean isLockConflict(Throwable error) {
    return Causes.any(
        error,
        t ->
            t instanceof SQLException sql
                && (sql.getErrorCode() == ER_LOCK_DEADLOCK
                    || sql.getErrorCode() == ER_LOCK_WAIT_TIMEOUT));
  }
}
