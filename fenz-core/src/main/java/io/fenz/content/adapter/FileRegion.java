package io.fenz.content.adapter;

import io.fenz.content.app.LocalFileRegion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes [offset, offset+length) of a local file, read at explicit positions. */
final class FileRegion extends InputStream implements LocalFileRegion {
  private final FileChannel channel;
  private long position;
  private final long end;

  FileRegion(FileChannel channel, long offset, long length) {
    this.channel = channel;
    this.position = offset;
    this.end = offset + length;
  }

  @Override
  public int read() throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    return read(one) < 0 ? -1 : one.get(0) & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return read(ByteBuffer.wrap(buffer, offset, length));
  }

  @Override
  public int read(ByteBuffer buffer) throws IOException {
    if (position >= end) {
      return -1;
    }
    if (buffer.remaining() > end - position) {
      buffer.limit(buffer.position() + (int) (end - position));
    }
    int n = channel.read(buffer, position);
    if (n < 0) {
      throw new IOException("media copy ended early at byte " + position);
    }
    position += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
