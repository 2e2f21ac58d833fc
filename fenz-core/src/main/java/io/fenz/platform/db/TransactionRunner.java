package io.fenz.platform.db;

import java.util.function.Supplier;

/** Runs work in one database transaction; nested calls join the outer one. */
public interface TransactionRunner {
  <T> T inTransaction(Supplier<T> work);

  default void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
