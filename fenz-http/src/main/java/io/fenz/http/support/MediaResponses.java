package io.fenz.http.support;

import io.fenz.content.app.MediaSlice;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Writes media straight from storage to the client, 206 for ranges, without buffering the object. */
public final class MediaResponses {
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
    try (InputStream in = slice.body(); OutputStream out = ctx.res().getOutputStream()) {
      in.transferTo(out);
    }
  }
}
