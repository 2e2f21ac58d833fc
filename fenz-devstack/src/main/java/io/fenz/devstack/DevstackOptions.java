package io.fenz.devstack;

import java.nio.file.Path;

/**
 * What a {@link Devstack} should start, and where it keeps its data.
 *
 * @param dataDir root for all service data ({@code mariadb/}, {@code redis/}, {@code s3/} below
 *     it), kept across restarts; {@code null} for a throwaway stack in a temporary directory that
 *     {@link Devstack#close()} deletes
 * @param database start an embedded MariaDB
 * @param redis start an embedded Redis
 * @param s3 start an in-process S3-compatible server
 */
public record DevstackOptions(Path dataDir, boolean database, boolean redis, boolean s3) {

  /** All services, persistent under {@code dataDir} (or throwaway if it is {@code null}). */
  public static DevstackOptions all(Path dataDir) {
    return new DevstackOptions(dataDir, true, true, true);
  }

  /** All services, throwaway. */
  public static DevstackOptions transientAll() {
    return all(null);
  }

  /** True when the data is thrown away on close. */
  public boolean isTransient() {
    return dataDir == null;
  }
}
