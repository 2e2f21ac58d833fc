package io.fenz.http.support;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * After a handler that did not read the whole request body (an upload refused with 401, 413 or 415,
 * a JSON body past its limit): reads and drops what is left when it is small, so the connection
 * stays usable and the client, still sending, gets the answer; otherwise answers {@code Connection:
 * close}. Without this, a refused request's connection could be closed by the server after an
 * answer that let the client reuse it, and the client's next request on it met a closed socket
 * ("header parser received no bytes").
 */
public final class UnreadBodies {
  /** The most bytes dropped to keep a connection. */
  static final int DRAIN_LIMIT = 256 << 10;

  private UnreadBodies() {}

  public static void settle(Context ctx) {
    var request = ctx.req();
    if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
      return;
    }
    try {
      ServletInputStream in = request.getInputStream();
      byte[] scratch = new byte[8192];
      long dropped = 0;
      while (!in.isFinished() && dropped <= DRAIN_LIMIT) {
        int n = in.read(scratch);
        if (n < 0) {
          return;
        }
        dropped += n;
      }
      if (in.isFinished()) {
        return;
      }
    } catch (IOException | RuntimeException e) {
      // The body can't be read (the client went away or is too slow, or it was read as characters):
      // the connection is not reused.
    }
    ctx.header("Connection", "close");
  }
}
