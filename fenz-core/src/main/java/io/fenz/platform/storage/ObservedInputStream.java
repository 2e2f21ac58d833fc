package io.fenz.platform.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that shows every chunk it reads to {@link #observe}; single-byte reads take the same
 * path.
 */
public abstract class ObservedInputStream extends FilterInputStream {
  protected ObservedInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      observe(buffer, offset, n);
    }
    return n;
  }

  /** Sees {@code length} bytes just read into {@code buffer}; throwing fails that read. */
  protected abstract void observe(byte[] buffer, int offset, int length) throws IOException;
}
