package io.fenz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Guards a data directory against a second running {@link Devstack}: two MariaDBs on one data dir
 * corrupt it, and silently handing out a second set of ports would hide the mistake. An OS file
 * lock covers other processes and disappears with a crashed one; the in-JVM set is needed because
 * on Linux, closing any channel to the file (as a losing second attempt would) releases every lock
 * this process holds on it.
 */
final class DataDirLock implements AutoCloseable {

  static final String FILE_NAME = ".devstack.lock";

  private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dir) {
    Path key;
    try {
      key = dir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve data dir " + dir, e);
    }
    synchronized (HELD_IN_THIS_JVM) {
      if (HELD_IN_THIS_JVM.contains(key)) {
        throw alreadyInUse(key, "this JVM");
      }
      FileChannel channel = null;
      try {
        channel =
            FileChannel.open(
                key.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          channel.close();
          throw alreadyInUse(key, "another process");
        }
        // Only informative, for a human wondering who holds the lock.
        channel.truncate(0);
        channel.write(
            ByteBuffer.wrap(
                ("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
        HELD_IN_THIS_JVM.add(key);
        return new DataDirLock(key, channel, lock);
      } catch (IOException e) {
        closeQuietly(channel);
        throw new UncheckedIOException("Cannot lock data dir " + key, e);
      }
    }
  }

  private static IllegalStateException alreadyInUse(Path dir, String where) {
    return new IllegalStateException(
        "Data dir "
            + dir
            + " is already used by a running Devstack in "
            + where
            + "; stop that one first or choose another data dir");
  }

  @Override
  public void close() {
    synchronized (HELD_IN_THIS_JVM) {
      try {
        lock.release();
      } catch (IOException ignored) {
        // closing the channel below releases it anyway
      }
      closeQuietly(channel);
      HELD_IN_THIS_JVM.remove(dir);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing useful to do
      }
    }
  }
}
