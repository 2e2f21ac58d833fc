package io.fenz.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Recursive deletes for directories we created ourselves. */
final class TempDirs {

  private TempDirs() {}

  static void deleteRecursivelyQuietly(Path dir) {
    deleteContentsQuietly(dir);
    try {
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // best effort: a leftover temp dir is not worth failing a shutdown for
    }
  }

  static void deleteContentsQuietly(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      tree.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(dir))
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort, see above
                }
              });
    } catch (IOException | RuntimeException ignored) {
      // best effort, see above
    }
  }
}
