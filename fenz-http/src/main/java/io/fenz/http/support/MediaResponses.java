package io.fenz.http.support;

import io.fenz.content.app.LocalFileRegion;
import io.fenz.content.app.MediaSlice;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Writes media straight from storage to the client, 206 for ranges, without buffering the object.
 */
public final class MediaResponses {
  private static final int COPY_BUFFER = 256 * 1024;

  /** Direct buffers outlive requests: allocating one costs more than the copy it saves. */
  private static final Queue<ByteBuffer> DIRECT_BUFFERS = new ArrayBlockingQueue<>(64);

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
    if (ctx.method() == HandlerType.HEAD) {
      slice.body().close(); // the same checks and headers as GET, without reading the object
      return;
    }
    try (InputStream in = slice.body();
        OutputStream out = ctx.res().getOutputStream()) {
      if (in instanceof LocalFileRegion file && out instanceof HttpOutput jetty) {
        writeDirect(file, jetty);
        return;
      }
      // Large copies: 16 KiB transferTo chunks cost a syscall and a flush each on the way out.
      byte[] buffer = new byte[COPY_BUFFER];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    }
  }

  /**
   * File to socket through one pooled direct buffer: one copy out of the page cache, one into the
   * socket.
   */
  private static void writeDirect(LocalFileRegion file, HttpOutput out) throws IOException {
    ByteBuffer buffer = DIRECT_BUFFERS.poll();
    if (buffer == null) {
      buffer = ByteBuffer.allocateDirect(COPY_BUFFER);
    }
    try {
      while (file.read(buffer.clear()) >= 0) {
        out.write(buffer.flip());
      }
    } finally {
      DIRECT_BUFFERS.offer(buffer);
    }
  }
}
