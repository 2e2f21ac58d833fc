package io.fenz.content.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The media cache's directory of one process: made under the configured parent and held by a lock
 * on a file inside it for as long as the process lives. Directories of processes that died without
 * removing theirs (their lock is free) are removed before a new one is made, so crashes do not leak
 * disk.
 */
final class MediaCacheDirectory {
  private static final String PREFIX = "fenz-media-cache-";
  private static final String LOCK_FILE = ".lock";

  private final Path path;
  private final FileChannel lock;

  private MediaCacheDirectory(Path path, FileChannel lock) {
    this.path = path;
    this.lock = lock;
  }

  static MediaCacheDirectory claim(Path parent) throws IOException {
    Files.createDirectories(parent);
    removeAbandoned(parent);
    Path created = Files.createTempDirectory(parent, PREFIX);
    FileChannel lock =
        FileChannel.open(
            created.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    lock.lock();
    return new MediaCacheDirectory(created, lock);
  }

  Path path() {
    return path;
  }

  /** The file name of a key's copy: the key's SHA-256, so any key is a safe, fixed-length name. */
  static String fileName(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Releases the lock and removes the directory with every copy in it. */
  void remove() {
    try {
      lock.close();
      deleteTree(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the media cache " + path, e);
    }
  }

  private static void removeAbandoned(Path parent) throws IOException {
    try (DirectoryStream<Path> others = Files.newDirectoryStream(parent, PREFIX + "*")) {
      for (Path other : others) {
        if (abandoned(other)) {
          deleteTree(other);
        }
      }
    }
  }

  private static boolean abandoned(Path other) {
    try (FileChannel lock = FileChannel.open(other.resolve(LOCK_FILE), StandardOpenOption.WRITE)) {
      FileLock held = lock.tryLock();
      if (held == null) {
        return false;
      }
      held.release();
      return true;
    } catch (OverlappingFileLockException liveInThisJvm) {
      return false;
    } catch (IOException noLockFile) {
      return false;
    }
  }

  /**
   * Fills still running at close rename or drop their part files meanwhile: an entry that vanished
   * is skipped, and a copy renamed in after the listing is removed by another pass. It ends: a
   * closed store starts no fill, and each running one renames at most once.
   */
  private static void deleteTree(Path root) throws IOException {
    while (true) {
      try {
        Files.walkFileTree(root, DELETE);
        return;
      } catch (DirectoryNotEmptyException renamedInMeanwhile) {
        // another pass
      }
    }
  }

  private static final FileVisitor<Path> DELETE =
      new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      };
}
