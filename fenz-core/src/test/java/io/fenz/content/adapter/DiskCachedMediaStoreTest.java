package io.fenz.content.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.storage.S3Storage;
import io.fenz.testing.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node-local media copies over the real S3 API: what is copied, when, and that only whole copies
 * are ever served.
 */
@WithFenzServices
class DiskCachedMediaStoreTest {
  /** Larger than the copy buffer, so every path loops. */
  private static final int SIZE = 700_000;

  private static final Duration IDLE = Duration.ofHours(1);
  private static S3MediaStore s3;

  @TempDir Path parent;

  /** Key of the object {@link #stored} put last. */
  private String lastKey;

  @BeforeAll
  static void connect(TestEnvironment env) throws Exception {
    S3Storage storage =
        new S3Storage(TestConfigs.config(env).s3(), TestConfigs.config(env).limits());
    storage.ensureBucket();
    s3 = new S3MediaStore(storage);
  }

  @Test
  void aViewerReadingFromTheStartLeavesACopyThatServesEveryRangeWithoutS3() throws Exception {
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 100L * SIZE, parent, IDLE, new SimpleMeterRegistry())) {
      byte[] media = stored("videos/full.mp4");
      String key = lastKey;
      try (InputStream in = cache.read(key, 0, SIZE)) {
        assertThat(in.readAllBytes()).isEqualTo(media);
      }
      assertServedFromTheCopy(cache, key, media);
      assertThat(cache.size(key)).isEqualTo(SIZE);
      assertThat(read(cache, key, 123_456, 300_000))
          .isEqualTo(Arrays.copyOfRange(media, 123_456, 423_456));
      assertThat(read(cache, key, SIZE - 1, 1))
          .isEqualTo(Arrays.copyOfRange(media, SIZE - 1, SIZE));
      assertThat(cache.cachedBytes()).isEqualTo(SIZE);
    }
  }

  @Test
  void aViewerWhoStopsEarlyStillLeavesTheWholeObject() throws Exception {
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 100L * SIZE, parent, IDLE, new SimpleMeterRegistry())) {
      byte[] media = stored("videos/left-early.mp4");
      String key = lastKey;
      try (InputStream in = cache.read(key, 0, SIZE)) {
        assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOf(media, 1000));
        assertThat(cache.holds(key)).as("a partial copy is not held").isFalse();
        assertThat(read(cache, key, 5000, 100))
            .as("others read from S3 meanwhile")
            .isEqualTo(Arrays.copyOfRange(media, 5000, 5100));
      }
      assertServedFromTheCopy(cache, key, media);
    }
  }

  @Test
  void aFirstReadInTheMiddleCopiesTheWholeObjectInTheBackground() throws Exception {
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 100L * SIZE, parent, IDLE, new SimpleMeterRegistry())) {
      byte[] media = stored("videos/seek.mp4");
      String key = lastKey;
      assertThat(read(cache, key, 500_000, 10))
          .isEqualTo(Arrays.copyOfRange(media, 500_000, 500_010));
      assertServedFromTheCopy(cache, key, media);
    }
  }

  @Test
  void viewersStillReadingDoNotHoldUpOtherCopies() throws Exception {
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 100L * SIZE, parent, IDLE, new SimpleMeterRegistry())) {
      List<InputStream> watching = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        stored("videos/watching-" + i + ".mp4");
        InputStream viewer = cache.read(lastKey, 0, SIZE);
        viewer.readNBytes(1000);
        watching.add(viewer);
      }
      byte[] media = stored("videos/seeked.mp4");
      read(cache, lastKey, 300_000, 10);
      assertServedFromTheCopy(cache, lastKey, media);
      for (InputStream viewer : watching) {
        viewer.close();
      }
    }
  }

  @Test
  void deletingDropsTheCopyAndAnyCopyStillBeingWritten() throws Exception {
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 100L * SIZE, parent, IDLE, new SimpleMeterRegistry())) {
      stored("videos/deleted.mp4");
      String held = lastKey;
      read(cache, held, 0, SIZE);
      await(() -> cache.holds(held));
      cache.delete(held);
      assertThat(cache.holds(held)).isFalse();
      assertThat(copyFiles()).isEmpty();
      assertThatThrownBy(() -> cache.size(held))
          .as("gone from S3 too")
          .isInstanceOf(FenzException.class);

      stored("videos/deleted-while-copying.mp4");
      String copying = lastKey;
      InputStream viewer = cache.read(copying, 0, SIZE);
      viewer.readNBytes(1000);
      cache.delete(copying);
      viewer.close();
      await(() -> partialFiles().isEmpty());
      assertThat(cache.holds(copying)).as("a copy finished after its delete is not kept").isFalse();
      assertThat(cache.cachedBytes()).isZero();
    }
  }

  @Test
  void theLeastRecentlyUsedCopyGoesFirstAndObjectsOverAQuarterOfTheBudgetAreNotCopied()
      throws Exception {
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 3L * SIZE, parent, IDLE, new SimpleMeterRegistry())) {
      stored("videos/too-large.mp4");
      assertThat(read(cache, lastKey, 0, SIZE)).hasSize(SIZE);
      assertThat(read(cache, lastKey, 10, 10)).hasSize(10);
      Thread.sleep(200);
      assertThat(cache.holds(lastKey)).as("over a quarter of 3 x SIZE").isFalse();
    }
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 4L * SIZE * 3, parent, IDLE, new SimpleMeterRegistry())) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 13; i++) {
        stored("videos/lru-" + i + ".mp4");
        keys.add(lastKey);
      }
      for (int i = 0; i < 12; i++) {
        String key = keys.get(i);
        read(cache, key, 0, SIZE);
        await(() -> cache.holds(key));
      }
      read(cache, keys.get(0), 0, 10);
      String last = keys.get(12);
      read(cache, last, 0, SIZE);
      await(() -> cache.holds(last));
      assertThat(cache.holds(keys.get(0))).as("read just now").isTrue();
      assertThat(cache.holds(keys.get(1))).as("least recently used").isFalse();
      assertThat(cache.cachedBytes()).isEqualTo(12L * SIZE);
      assertThat(copyFiles()).hasSize(12);
    }
  }

  @Test
  void copiesUnreadForTheIdleLimitLeaveTheDisk() throws Exception {
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(
            s3, 100L * SIZE, parent, Duration.ofMillis(400), new SimpleMeterRegistry())) {
      stored("videos/idle.mp4");
      String idle = lastKey;
      read(cache, idle, 0, SIZE);
      await(() -> cache.holds(idle));
      stored("videos/watched.mp4");
      String watched = lastKey;
      read(cache, watched, 0, SIZE);
      await(() -> cache.holds(watched));
      for (long until = System.nanoTime() + 1_500_000_000L; System.nanoTime() < until; ) {
        read(cache, watched, 0, 10);
        Thread.sleep(50);
      }
      assertThat(cache.holds(idle)).isFalse();
      assertThat(cache.holds(watched)).isTrue();
      assertThat(copyFiles()).hasSize(1);
      assertThat(cache.cachedBytes()).isEqualTo(SIZE);
    }
  }

  @Test
  void withoutABudgetNothingIsCopiedAndNoDirectoryIsMade() throws Exception {
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 0, parent, IDLE, new SimpleMeterRegistry())) {
      byte[] media = stored("videos/uncached.mp4");
      assertThat(read(cache, lastKey, 0, SIZE)).isEqualTo(media);
      Thread.sleep(200);
      assertThat(cache.holds(lastKey)).isFalse();
      try (var entries = Files.list(parent)) {
        assertThat(entries).isEmpty();
      }
    }
  }

  @Test
  void directoriesOfDeadProcessesAreRemovedLiveOnesKeptAndCloseRemovesItsOwn() throws Exception {
    Path dead = Files.createDirectory(parent.resolve("fenz-media-cache-dead"));
    Files.createFile(dead.resolve(".lock"));
    Files.write(dead.resolve("leftover"), new byte[100]);
    try (DiskCachedMediaStore live =
        new DiskCachedMediaStore(s3, 100L * SIZE, parent, IDLE, new SimpleMeterRegistry())) {
      stored("videos/live.mp4");
      String liveKey = lastKey;
      read(live, liveKey, 0, SIZE);
      await(() -> live.holds(liveKey));
      DiskCachedMediaStore second =
          new DiskCachedMediaStore(s3, 100L * SIZE, parent, IDLE, new SimpleMeterRegistry());
      stored("videos/second.mp4");
      String secondKey = lastKey;
      read(second, secondKey, 0, SIZE);
      await(() -> second.holds(secondKey));
      assertThat(Files.exists(dead)).as("its lock was free").isFalse();
      assertThat(cacheDirectories()).as("one per live instance").hasSize(2);
      second.close();
      assertThat(cacheDirectories()).hasSize(1);
      assertThat(read(live, liveKey, 0, 10)).hasSize(10);
    }
    assertThat(cacheDirectories()).isEmpty();
  }

  @Test
  void aDiskThatCannotTakeCopiesLeavesViewersOnS3() throws Exception {
    Path notADirectory = Files.write(parent.resolve("file"), new byte[1]);
    try (DiskCachedMediaStore cache =
        new DiskCachedMediaStore(s3, 100L * SIZE, notADirectory, IDLE, new SimpleMeterRegistry())) {
      byte[] media = stored("videos/no-disk.mp4");
      assertThat(read(cache, lastKey, 0, SIZE)).isEqualTo(media);
      assertThat(read(cache, lastKey, 10, 20)).isEqualTo(Arrays.copyOfRange(media, 10, 30));
      assertThat(cache.holds(lastKey)).isFalse();
    }
  }

  @Test
  void aCopyReadsTheBytesOfItsRegionOnly() throws Exception {
    Path file = Files.write(parent.resolve("region"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    try (InputStream region =
        new FileRegion(FileChannel.open(file, StandardOpenOption.READ), 2, 4)) {
      assertThat(region.read()).isEqualTo(3);
      assertThat(region.readAllBytes()).containsExactly(4, 5, 6);
      assertThat(region.read()).isEqualTo(-1);
    }
  }

  private byte[] stored(String name) {
    byte[] media = new byte[SIZE];
    new Random(name.hashCode()).nextBytes(media);
    lastKey = "test/" + UUID.randomUUID() + "/" + name;
    s3.put(lastKey, new ByteArrayInputStream(media), "video/mp4", SIZE);
    return media;
  }

  /**
   * Waits for the whole copy, removes the object from S3 behind the cache's back, and reads it all.
   */
  private static void assertServedFromTheCopy(DiskCachedMediaStore cache, String key, byte[] media)
      throws Exception {
    await(() -> cache.holds(key));
    s3.delete(key);
    assertThat(read(cache, key, 0, SIZE)).isEqualTo(media);
  }

  private static byte[] read(DiskCachedMediaStore cache, String key, long offset, long length)
      throws IOException {
    try (InputStream in = cache.read(key, offset, length)) {
      return in.readAllBytes();
    }
  }

  private List<Path> cacheDirectories() throws IOException {
    try (var entries = Files.list(parent)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("fenz-media-cache-"))
          .toList();
    }
  }

  /** Whole copies (named by a SHA-256 of their key) in every cache directory. */
  private List<Path> copyFiles() throws IOException {
    return filesNamed("[0-9a-f]{64}");
  }

  private List<Path> partialFiles() {
    try {
      return filesNamed(".*\\.part");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<Path> filesNamed(String pattern) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : cacheDirectories()) {
      try (var entries = Files.list(dir)) {
        entries.filter(p -> p.getFileName().toString().matches(pattern)).forEach(files::add);
      }
    }
    return files;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
