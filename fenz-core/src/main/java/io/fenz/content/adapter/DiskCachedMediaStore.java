package io.fenz.content.adapter;

import io.fenz.content.port.MediaStore;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.storage.ObservedInputStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps recently watched media objects on this process's disk, so repeat views and seeks are served
 * from a local file instead of one more S3 round trip and socket hop per request (bench/media.sh).
 *
 * <p>Correct without invalidation because upload keys are random and written once: a key's bytes
 * never change. Access is checked by the use case before any read, so a copy is only ever handed to
 * a viewer who may watch. A deleted video's key is no longer reachable; its copy is dropped at once
 * when deleted through this process, and otherwise once unread for the idle limit (nobody can read
 * it any more), so deleted media leaves every node's disk within that limit.
 *
 * <p>A miss is served from S3 as before. A read from offset 0 (a player's first request) is written
 * to a temporary file as the viewer reads it; when the viewer stops, the rest is read from S3 in
 * the background. A first read elsewhere copies the whole object in the background. The copy is
 * renamed into place only when complete, so a viewer never gets a partial one.
 *
 * <p>Over 400 lines because the fill (the copy being written, {@code Fill} and {@code Tee}) shares
 * the store's slots, its pending-fills map and its admission under one lock; split apart they would
 * each need the other's internals. The directory's life is {@link MediaCacheDirectory}, local reads
 * {@link FileRegion}.
 */
@Singleton
public final class DiskCachedMediaStore implements MediaStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiskCachedMediaStore.class);

  /** Copies read from S3 in the background at once; more wait their turn. */
  private static final int BACKGROUND_COPIES = 2;

  /**
   * Copies written at a viewer's pace at once (a viewer may take the length of the video). They
   * read nothing extra from S3, so they do not wait for a background slot; past this many, a miss
   * is not copied.
   */
  private static final int VIEWER_COPIES = 64;

  private static final int COPY_BUFFER = 256 * 1024;

  private final MediaStore origin;
  private final long budgetBytes;
  private final Path parent;
  private final Duration idle;

  /** Key to local copy, least recently read first. */
  private final LinkedHashMap<String, Copy> copies = new LinkedHashMap<>(64, 0.75f, true);

  /** Fills in progress, by key; a delete removes its key so the fill's copy is not admitted. */
  private final Map<String, Fill> fills = new ConcurrentHashMap<>();

  private final Semaphore backgroundSlots = new Semaphore(BACKGROUND_COPIES);
  private final Semaphore viewerSlots = new Semaphore(VIEWER_COPIES);
  private final MeterRegistry meters;
  private final Counter hits;
  private final Counter misses;
  private long cachedBytes;
  private MediaCacheDirectory dir;
  private boolean closed;
  private Thread sweeper;

  /**
   * A whole copy on disk; {@code lastRead} ({@link System#nanoTime}) is guarded by the store's
   * lock.
   */
  private static final class Copy {
    final Path file;
    final long size;
    long lastRead = System.nanoTime();

    Copy(Path file, long size) {
      this.file = file;
      this.size = size;
    }
  }

  @Inject
  public DiskCachedMediaStore(
      S3MediaStore origin,
      FenzConfig.Media config,
      Infrastructure infrastructure,
      MeterRegistry meters) {
    this(origin, config.cacheBytes(), config.cacheParent(), config.cacheIdle(), meters);
    infrastructure.closeOnStop(this);
  }

  DiskCachedMediaStore(
      MediaStore origin, long budgetBytes, Path parent, Duration idle, MeterRegistry meters) {
    this.meters = meters;
    this.hits = meters.counter("fenz.media.cache.reads", "result", "hit");
    this.misses = meters.counter("fenz.media.cache.reads", "result", "miss");
    this.origin = origin;
    this.budgetBytes = budgetBytes;
    this.parent = parent;
    this.idle = idle;
  }

  @Override
  public long put(String key, InputStream body, String contentType, long knownSize) {
    return origin.put(key, body, contentType, knownSize);
  }

  @Override
  public long size(String key) {
    Copy copy = lookup(key);
    return copy != null ? copy.size : origin.size(key);
  }

  @Override
  public InputStream read(String key, long offset, long length) {
    Copy copy = lookup(key);
    if (copy != null) {
      try {
        InputStream local =
            new FileRegion(FileChannel.open(copy.file, StandardOpenOption.READ), offset, length);
        hits.increment();
        return local;
      } catch (NoSuchFileException evictedMeanwhile) {
        // served from S3 below
      } catch (IOException e) {
        LOG.warn("media copy of {} unreadable; serving from S3: {}", key, e.toString());
        drop(key);
      }
    }
    misses.increment();
    Fill fill =
        offset == 0 ? reserveFill(key, length, viewerSlots) : reserveFill(key, 0, backgroundSlots);
    InputStream fromS3;
    try {
      fromS3 = origin.read(key, offset, length);
    } catch (RuntimeException e) {
      if (fill != null) {
        fill.release();
      }
      throw e;
    }
    if (fill == null) {
      return fromS3;
    }
    if (offset == 0) {
      return new Tee(fromS3, fill);
    }
    fill.finishInBackground();
    return fromS3;
  }

  @Override
  public void delete(String key) {
    fills.remove(key);
    drop(key);
    origin.delete(key);
  }

  @Override
  public String presignedGet(String key, Duration ttl) {
    return origin.presignedGet(key, ttl);
  }

  /** Bytes of copies held now. */
  synchronized long cachedBytes() {
    return cachedBytes;
  }

  /** Whether a whole copy of {@code key} is held. */
  synchronized boolean holds(String key) {
    return copies.containsKey(key);
  }

  private synchronized Copy lookup(String key) {
    Copy copy = copies.get(key);
    if (copy != null) {
      copy.lastRead = System.nanoTime();
    }
    return copy;
  }

  /**
   * Every sweep interval, removes the copies unread for the idle limit (they are the least recently
   * used).
   */
  private void sweepIdle() {
    long interval = Math.max(1, Math.min(idle.toMillis() / 2, Duration.ofMinutes(1).toMillis()));
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(interval);
        evict(copy -> System.nanoTime() - copy.lastRead > idle.toNanos());
      }
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One object may take a quarter of the budget, so a single large video cannot flush every other
   * copy.
   */
  private long maxObjectBytes() {
    return budgetBytes / 4;
  }

  /**
   * The one fill of {@code key}, holding one of {@code slots}; or null: no cache, a fill of it
   * already running, every slot busy, {@code knownBytes} already too large, or no temporary file to
   * be had.
   */
  private Fill reserveFill(String key, long knownBytes, Semaphore slots) {
    if (budgetBytes <= 0 || knownBytes > maxObjectBytes()) {
      return null;
    }
    Fill fill = new Fill(key, slots);
    if (fills.putIfAbsent(key, fill) != null) {
      return null;
    }
    if (!slots.tryAcquire()) {
      fills.remove(key, fill);
      return null;
    }
    try {
      fill.open();
      return fill;
    } catch (IOException e) {
      LOG.warn("no media cache file for {}: {}", key, e.toString());
      fill.release();
      return null;
    }
  }

  /**
   * A copy of one object being written: first the bytes a viewer reads from offset 0 (if any), then
   * the rest from S3 in the background; renamed into place only when every byte is there.
   */
  private final class Fill {
    private final String key;

    /** The slot this fill holds: a viewer slot while a viewer reads, then a background slot. */
    private Semaphore slot;

    private Path partial;
    private FileChannel out;
    private long written;
    private boolean failed;
    private boolean released;

    Fill(String key, Semaphore slot) {
      this.key = key;
      this.slot = slot;
    }

    void open() throws IOException {
      Path directory = directory();
      if (directory == null) {
        throw new IOException("the media cache is closed");
      }
      partial = Files.createTempFile(directory, "fill-", ".part");
      out = FileChannel.open(partial, StandardOpenOption.WRITE);
    }

    /** Appends the next bytes; a disk failure ends the fill, never the viewer's stream. */
    void append(byte[] bytes, int offset, int length) {
      if (failed) {
        return;
      }
      try {
        ByteBuffer chunk = ByteBuffer.wrap(bytes, offset, length);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        written += length;
      } catch (IOException e) {
        LOG.warn("media cache write for {} failed: {}", key, e.toString());
        failed = true;
      }
    }

    /** Reads the bytes not written yet from S3 on a virtual thread, then holds the whole copy. */
    void finishInBackground() {
      Thread.ofVirtual()
          .name("media-cache-fill")
          .start(
              () -> {
                try {
                  if (slot != backgroundSlots) {
                    slot.release();
                    slot = null;
                    backgroundSlots.acquire();
                    slot = backgroundSlots;
                  }
                  if (!failed) {
                    complete();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (Exception e) {
                  LOG.warn("could not copy {} to the media cache: {}", key, e.toString());
                } finally {
                  release();
                }
              });
    }

    private void complete() throws IOException {
      long size = origin.size(key);
      if (size > maxObjectBytes() || written > size) {
        return;
      }
      if (written < size) {
        try (InputStream rest = origin.read(key, written, size - written)) {
          byte[] buffer = new byte[COPY_BUFFER];
          for (int n = rest.read(buffer); n >= 0 && !failed; n = rest.read(buffer)) {
            append(buffer, 0, n);
          }
        }
      }
      if (failed || written != size) {
        throw new IOException("copied " + written + " of " + size + " bytes");
      }
      out.close();
      Path file = partial.resolveSibling(MediaCacheDirectory.fileName(key));
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      admit(key, this, new Copy(file, size));
    }

    /** Frees the fill slot and the partial file (gone already once renamed into place). */
    void release() {
      if (released) {
        return;
      }
      released = true;
      try {
        if (out != null) {
          out.close();
        }
        if (partial != null) {
          Files.deleteIfExists(partial);
        }
      } catch (IOException e) {
        LOG.warn("could not remove partial media copy {}: {}", partial, e.toString());
      } finally {
        fills.remove(key, this);
        if (slot != null) {
          slot.release();
        }
      }
    }
  }

  /**
   * A viewer's stream from S3, written into the fill as it is read; closing hands the rest to the
   * background.
   */
  private static final class Tee extends ObservedInputStream {
    private final Fill fill;
    private boolean handedOff;

    Tee(InputStream fromS3, Fill fill) {
      super(fromS3);
      this.fill = fill;
    }

    @Override
    protected void observe(byte[] buffer, int offset, int length) {
      fill.append(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        if (!handedOff) {
          handedOff = true;
          fill.finishInBackground();
        }
      }
    }
  }

  /**
   * Holds a finished copy unless its key was deleted meanwhile, then evicts the least recently read
   * over budget.
   */
  private void admit(String key, Fill fill, Copy copy) {
    boolean refused;
    synchronized (this) {
      refused = closed || fills.get(key) != fill;
      if (!refused) {
        Copy previous = copies.put(key, copy);
        cachedBytes += copy.size - (previous == null ? 0 : previous.size);
      }
    }
    if (refused) {
      deleteAll(List.of(copy.file));
    }
    evict(oldest -> cachedBytes > budgetBytes);
  }

  /**
   * Removes copies, least recently read first, while {@code stale} holds for the oldest one left.
   */
  private void evict(Predicate<Copy> stale) {
    List<Path> evicted = new ArrayList<>();
    synchronized (this) {
      for (var oldest = copies.values().iterator(); oldest.hasNext(); ) {
        Copy copy = oldest.next();
        if (!stale.test(copy)) {
          break;
        }
        oldest.remove();
        cachedBytes -= copy.size;
        evicted.add(copy.file);
      }
    }
    deleteAll(evicted);
  }

  /**
   * Readers that opened one of these files keep reading it: on POSIX its bytes live until they
   * close it.
   */
  private static void deleteAll(List<Path> files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("could not delete media copy {}: {}", file, e.toString());
      }
    }
  }

  private void drop(String key) {
    Copy copy;
    synchronized (this) {
      copy = copies.remove(key);
      if (copy != null) {
        cachedBytes -= copy.size;
      }
    }
    if (copy != null) {
      deleteAll(List.of(copy.file));
    }
  }

  /** This process's own directory ({@link MediaCacheDirectory}), claimed at the first fill. */
  private synchronized Path directory() throws IOException {
    if (closed) {
      return null;
    }
    if (dir == null) {
      dir = MediaCacheDirectory.claim(parent);
      sweeper = Thread.ofVirtual().name("media-cache-sweep").start(this::sweepIdle);
      // Registered by the instance that caches, held strongly so it never reads NaN.
      Gauge.builder("fenz.media.cache.bytes", this, DiskCachedMediaStore::cachedBytes)
          .strongReference(true)
          .description("Bytes of media copies on this process's disk")
          .register(meters);
      LOG.info("media cache in {} (up to {} MB)", dir.path(), budgetBytes >> 20);
    }
    return dir.path();
  }

  @Override
  public void close() {
    MediaCacheDirectory owned;
    synchronized (this) {
      closed = true;
      owned = dir;
      if (sweeper != null) {
        sweeper.interrupt();
      }
      copies.clear();
      cachedBytes = 0;
    }
    if (owned != null) {
      owned.remove();
    }
  }
}
