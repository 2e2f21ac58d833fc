package io.fenz.http.support;

import io.fenz.content.app.MediaSlice;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Writes media straight from storage to the client, 206 for ranges, without buffering the object. */
public final class MediaResponses {
  private static final int COPY_BUFFER = 256 * 1024;

  private MediaResponses() {}

  public static void write(Context ctx, MediaSlice slice, String cacheControl) throws IOException {
    ctx.header("Accept-Ranges", "bytes");
    ctx.header("Cache-Control", cacheControl);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(slice.contentType());
    if (slice.range() != null) {
      ctx.status(206);
      ctx.header("Content-Range", slice.range().contentRange());
    } else {
      ctx.status(200);
    }
    ctx.res().setContentLengthLong(slice.length());
    // Large copies: 16 KiB transferTo chunks cost a syscall and a flush each on the way out.
    byte[] buffer = new byte[COPY_BUFFER];
    try (InputStream in = slice.body(); OutputStream out = ctx.res().getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    }
  }
}
