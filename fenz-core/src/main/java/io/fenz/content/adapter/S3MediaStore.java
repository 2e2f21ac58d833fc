package io.fenz.content.adapter;

import io.fenz.content.port.MediaStore;
import io.fenz.platform.storage.ObservedInputStream;
import io.fenz.platform.storage.S3Storage;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.http.Method;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Media in the S3 bucket. Unknown-length bodies go up as multipart in fixed parts, so memory stays flat. */
public final class S3MediaStore implements MediaStore {
  /** Part size for streamed uploads: the most one upload holds in memory at once. */
  private static final long PART_SIZE = 8L << 20;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** S3's limit for one PUT; larger known sizes still go multipart. */
  private static final long MAX_SINGLE_PUT = 5L << 30;
  /** A read URL is used at once and only inside this process. */
  private static final int READ_URL_SECONDS = 60;
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 60_000;
  private final S3Storage s3;

  @Inject
  public S3MediaStore(S3Storage s3) {
    this.s3 = s3;
  }

  @Override
  public long put(String key, InputStream body, String contentType, long knownSize) {
    CountingInputStream counted = new CountingInputStream(body);
    try {
      if (knownSize >= 0 && knownSize <= MAX_SINGLE_PUT) {
        streamSinglePut(key, counted, contentType, knownSize);
      } else {
        s3.client().putObject(PutObjectArgs.builder().bucket(s3.bucket()).object(key).stream(counted, -1, PART_SIZE)
            .contentType(contentType).build());
      }
      return counted.count();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StorageException("could not store " + key, e);
    }
  }

  /**
   * The minio client buffers a whole part in memory, so a known-size body goes up as one PUT to a
   * presigned URL instead, streamed straight from the request: no buffer, and no multipart assembly.
   */
  private void streamSinglePut(String key, InputStream body, String contentType, long size) throws Exception {
    String url = s3.client().getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.PUT).bucket(s3.bucket()).object(key)
        .expiry(3600).build());
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), size)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new StorageException("PUT " + key + " answered " + response.statusCode(), null);
    }
  }

  @Override
  public long size(String key) {
    try {
      return s3.client().statObject(StatObjectArgs.builder().bucket(s3.bucket()).object(key).build()).size();
    } catch (Exception e) {
      throw new StorageException("could not stat " + key, e);
    }
  }

  /**
   * Bytes of the object over a plain {@link HttpURLConnection} to a presigned GET that never leaves this
   * process. The minio client's okhttp reads the socket 8 KiB at a time and copies every byte once more
   * through okio segments; here a caller's large read goes to the socket as one read (bench/media.sh:
   * less CPU per 100 MB streamed). Closing the stream early closes the connection rather than draining it.
   */
  @Override
  public InputStream read(String key, long offset, long length) {
    if (length <= 0) {
      return InputStream.nullInputStream();
    }
    HttpURLConnection connection = null;
    try {
      String url = s3.client().getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(s3.bucket())
          .object(key).expiry(READ_URL_SECONDS).build());
      connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
      connection.setReadTimeout(READ_TIMEOUT_MS);
      connection.setUseCaches(false);
      connection.setRequestProperty("Range", "bytes=" + offset + "-" + (offset + length - 1));
      int status = connection.getResponseCode();
      boolean whole = status == 200 && offset == 0 && connection.getContentLengthLong() == length;
      if (status != 206 && !whole) {
        throw new StorageException("GET " + key + " bytes " + offset + "+" + length + " answered " + status, null);
      }
      return connection.getInputStream();
    } catch (Exception e) {
      if (connection != null) {
        connection.disconnect();
      }
      throw e instanceof StorageException storage ? storage : new StorageException("could not read " + key, e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      s3.client().removeObject(RemoveObjectArgs.builder().bucket(s3.bucket()).object(key).build());
    } catch (Exception e) {
      throw new StorageException("could not delete " + key, e);
    }
  }

  @Override
  public String presignedGet(String key, Duration ttl) {
    try {
      return s3.client().getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(s3.bucket()).object(key)
          .expiry((int) ttl.toSeconds()).build());
    } catch (Exception e) {
      throw new StorageException("could not sign " + key, e);
    }
  }

  /** An S3 failure (network, missing object): a 503 or a retry, never a silent success. */
  public static final class StorageException extends RuntimeException {
    StorageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class CountingInputStream extends ObservedInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    protected void observe(byte[] buffer, int offset, int length) {
      count += length;
    }

    long count() {
      return count;
    }
  }
}
