package io.fenz.devstack.testing;

/**
 * The slice of the shared {@link TestServices} that belongs to one test class, handed out by {@link
 * FenzServicesExtension}. Everything here is unique to the class, so classes may run in parallel
 * against the same servers.
 *
 * @param jdbcUrl JDBC URL of a fresh, empty database created for this class (dropped after it)
 * @param databaseName that database's name, e.g. {@code fenz_t_videoservicetest_3fa9c1}
 * @param redisUrl the shared Redis; use only keys starting with {@code redisKeyPrefix}
 * @param redisKeyPrefix e.g. {@code t:3fa9c1:}; keys with it are deleted after the class
 * @param natsUrl the shared NATS server, or {@code null} if none is configured
 * @param natsStreamPrefix e.g. {@code T3FA9C1}: prefix stream names and subjects with it
 * @param s3Endpoint the shared S3 endpoint
 * @param s3AccessKey its access key
 * @param s3SecretKey its secret key
 * @param s3Bucket a bucket name for this class, e.g. {@code fenz-t-videoservicetest-3fa9c1}; not
 *     created yet: the code under test or the test creates it
 */
public record TestEnvironment(
    String jdbcUrl,
    String databaseName,
    String redisUrl,
    String redisKeyPrefix,
    String natsUrl,
    String natsStreamPrefix,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String s3Bucket) {

  /** Whether a NATS server is available; use with {@code Assumptions.assumeTrue} in NATS tests. */
  public boolean hasNats() {
    return natsUrl != null;
  }
}
