package io.fenz.content.app;

import io.fenz.content.domain.ByteRange;
import java.io.InputStream;

/** Bytes to send: the whole object ({@code range} null) or one range of it. */
public record MediaSlice(InputStream body, String contentType, long totalBytes, ByteRange range) {
  public long length() {
    return range == null ? totalBytes : range.length();
  }
}
