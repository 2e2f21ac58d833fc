package io.fenz.content.app;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A media body that is a region of a local file. The HTTP layer reads it into direct buffers and
 * hands those to the socket, so the bytes are not copied through the heap twice on the way out.
 */
public interface LocalFileRegion {
  /** Reads the next bytes of the region into {@code buffer}; -1 at its end. */
  int read(ByteBuffer buffer) throws IOException;
}
