package io.fenz.discovery.adapter.lucene;

import io.fenz.discovery.port.IndexableVideos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lucene index's life: created empty in a temp directory of its own (memory-mapped), written,
 * made searchable by {@link #publish}, and dropped with its files at {@link #close} (nothing is
 * kept: the next start rebuilds from MySQL). Writes are not synchronized here: {@link
 * IndexFollower} serializes them.
 */
final class LuceneIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);

  /**
   * Lucene warns (through java.util.logging) at its first index that the incubating Vector API is
   * not enabled. It only speeds up vector search, which this index does not do, and enabling it
   * makes the JVM print its own incubator warning: the notice is turned off instead. Held here so
   * the level is not lost with a collected logger.
   */
  private static final java.util.logging.Logger VECTORIZATION =
      quiet("org.apache.lucene.internal.vectorization");

  private final Path dir;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private LuceneIndex(Path dir, FSDirectory directory, IndexWriter writer) throws IOException {
    this.dir = dir;
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  /** An empty index; its files are removed if it cannot be opened. */
  static LuceneIndex create() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("fenz-search-");
      FSDirectory directory = FSDirectory.open(dir);
      IndexWriter writer =
          new IndexWriter(
              directory,
              new IndexWriterConfig(SearchDocuments.analyzer())
                  .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                  .setRAMBufferSizeMB(64));
      return new LuceneIndex(dir, directory, writer);
    } catch (IOException e) {
      deleteQuietly(dir);
      throw new UncheckedIOException(e);
    }
  }

  void add(List<IndexableVideos.Row> rows) {
    try {
      writer.addDocuments(rows.stream().map(SearchDocuments::document).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Upserts listed rows and deletes unlisted rows and {@code gone} ids; searchable after {@link
   * #publish}.
   */
  void apply(List<IndexableVideos.Row> rows, Collection<Long> gone) {
    try {
      for (IndexableVideos.Row r : rows) {
        if (r.listed()) {
          writer.updateDocument(SearchDocuments.key(r.id()), SearchDocuments.document(r));
        } else {
          writer.deleteDocuments(SearchDocuments.key(r.id()));
        }
      }
      for (long id : gone) {
        writer.deleteDocuments(SearchDocuments.key(id));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void deleteOwner(long ownerId) {
    try {
      writer.deleteDocuments(SearchDocuments.ofOwner(ownerId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the applied changes searchable: a new reader, opened only if something changed. */
  void publish() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Something done with the current reader, which stays open meanwhile. */
  interface Read<T> {
    T with(IndexSearcher searcher) throws IOException;
  }

  <T> T read(Read<T> read) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return read.with(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of the searchable videos, ascending. */
  long[] ids() {
    return read(searcher -> SearchDocuments.indexedIds(searcher.getIndexReader()));
  }

  int documents() {
    return writer.getDocStats().numDocs;
  }

  long sizeBytes() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.rollback(); // nothing to keep: the next start rebuilds from MySQL
      directory.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("search index: closing failed ({})", e.toString());
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory; the OS cleans it eventually
    }
  }
}
