package io.fenz.platform.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Columns hold UTC DATETIME(3); converting here keeps the server and JVM time zones out of it. */
public final class Utc {
  private Utc() {}

  public static LocalDateTime toDb(Instant instant) {
    return instant == null
        ? null
        : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }

  public static Instant fromDb(LocalDateTime value) {
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
