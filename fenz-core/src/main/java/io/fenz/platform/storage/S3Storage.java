package io.fenz.platform.storage;

import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.observability.TracedHttpCalls;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.http.HttpUtils;

/** The S3 API client (MinIO in production, s3proxy in dev and tests) bound to our bucket. */
public final class S3Storage {
  /** The MinIO client's own default (5 minutes), kept for the traced client. */
  private static final long DEFAULT_TIMEOUT = java.util.concurrent.TimeUnit.MINUTES.toMillis(5);
  private final MinioClient client;
  private final String bucket;

  public S3Storage(FenzConfig.S3 config) {
    this.client = MinioClient.builder()
        .endpoint(config.endpoint())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .httpClient(HttpUtils.newDefaultHttpClient(DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT).newBuilder()
            .addInterceptor(new TracedHttpCalls("s3")).build())
        .build();
    this.bucket = config.bucket();
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
