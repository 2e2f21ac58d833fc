package io.fenz.http.support;

import io.fenz.platform.storage.ObservedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that must keep arriving at FENZ_HTTP_MIN_DATA_RATE bytes per second on average,
 * after a short grace: a client drip-feeding a large upload (each byte just inside the idle
 * timeout) is cut off instead of holding its connection for hours. Jetty's own minimum rate counts
 * from the request's start, so a small body read after a slow handler step would fail it; this one
 * counts from the first read.
 */
public final class MinimumRate extends ObservedInputStream {
  static final long GRACE_NANOS = 5_000_000_000L;
  private final long bytesPerSecond;
  private long started;
  private long count;

  private MinimumRate(InputStream in, long bytesPerSecond) {
    super(in);
    this.bytesPerSecond = bytesPerSecond;
  }

  /** {@code body} as is when the rate is 0 (off). */
  public static InputStream of(InputStream body, long bytesPerSecond) {
    return bytesPerSecond <= 0 ? body : new MinimumRate(body, bytesPerSecond);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (started == 0) {
      started = System.nanoTime();
    }
    return super.read(buffer, offset, length);
  }

  @Override
  protected void observe(byte[] buffer, int offset, int length) throws IOException {
    count += length;
    long elapsed = System.nanoTime() - started;
    if (elapsed > GRACE_NANOS && count < bytesPerSecond * (elapsed / 1_000_000) / 1000) {
      throw new IOException("request body slower than " + bytesPerSecond + " bytes/s");
    }
  }
}
