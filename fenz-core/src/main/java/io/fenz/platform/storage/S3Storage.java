package io.fenz.platform.storage;

import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.observability.TracedHttpCalls;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import java.time.Duration;

/**
 * The S3 API client (MinIO in production, s3proxy in dev and tests) bound to our bucket. Every call
 * has a short connect deadline and a deadline for each read or write (FENZ_S3_CONNECT_TIMEOUT,
 * FENZ_S3_READ_TIMEOUT): an S3 that refuses or stalls fails the request within seconds instead of
 * holding it for minutes.
 */
public final class S3Storage {
  private final MinioClient client;
  private final String bucket;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  public S3Storage(FenzConfig.S3 config, FenzConfig.Limits limits) {
    this.connectTimeout = limits.s3ConnectTimeout();
    this.readTimeout = limits.s3ReadTimeout();
    this.client =
        MinioClient.builder()
            .endpoint(config.endpoint())
            .credentials(config.accessKey(), config.secretKey())
            .region(config.region())
            .httpClient(
                HttpUtils.newDefaultHttpClient(
                        connectTimeout.toMillis(), readTimeout.toMillis(), readTimeout.toMillis())
                    .newBuilder()
                    .addInterceptor(new TracedHttpCalls("s3"))
                    .build())
            .build();
    this.bucket = config.bucket();
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The longest S3 may take to answer, or to accept or send the next bytes. */
  public Duration readTimeout() {
    return readTimeout;
  }

  public MinioClient client() {
    return client;
  }

  public String bucket() {
    return bucket;
  }

  /** Creates the bucket on first start; safe to call on every start. */
  public void ensureBucket() throws Exception {
    if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    }
  }

  public boolean ping() throws Exception {
    return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
  }
}
