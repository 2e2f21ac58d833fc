package io.fenz.bench;

import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A throwaway database with {@code rows} generated videos: schema from the app's Flyway migrations,
 * rows bulk-loaded with LOAD DATA LOCAL INFILE (not through the API), search_tokens computed with
 * the app's {@link SearchTokenizer}, the FULLTEXT index built once after the load. A finished
 * database is reused by later runs (a {@code bench_meta} row records the generator version and
 * size).
 */
final class BenchDatabase {
  static final int GENERATOR_VERSION = 3;
  private static final int CHUNK = 50_000;
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final String serverUrl;
  private final String name;
  private final int rows;
  private final LocalDateTime now;

  BenchDatabase(String serverUrl, String name, int rows, LocalDateTime now) {
    this.serverUrl = serverUrl;
    this.name = name;
    this.rows = rows;
    this.now = now;
  }

  String name() {
    return name;
  }

  String jdbcUrl() {
    return withDatabase(serverUrl, name);
  }

  static String withDatabase(String serverUrl, String database) {
    int q = serverUrl.indexOf('?');
    String base = q < 0 ? serverUrl : serverUrl.substring(0, q);
    String params = q < 0 ? "" : serverUrl.substring(q);
    base = base.substring(0, base.lastIndexOf('/') + 1) + database;
    return base + params;
  }

  /**
   * Creates and loads the database unless an identical one exists; returns seconds spent loading (0
   * if reused).
   */
  double ensure() throws Exception {
    if (isReady()) {
      return 0;
    }
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(serverUrl);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS `" + name + "`");
      st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
    try (Database db = new Database(new FenzConfig.Database(jdbcUrl(), null, null, 2))) {
      db.migrate();
    }
    String loadUrl = jdbcUrl() + (jdbcUrl().contains("?") ? "&" : "?") + "allowLocalInfile=true";
    try (Connection c = DriverManager.getConnection(loadUrl);
        Statement st = c.createStatement()) {
      st.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
      // the FULLTEXT index is built once after the load: far faster than maintaining it per row
      st.execute("ALTER TABLE videos DROP INDEX ft_videos_search");
      // and drop InnoDB's hidden FTS_DOC_ID with it (rebuild of the empty table): rows loaded with
      // a stale
      // FTS_DOC_ID column are invisible to a FULLTEXT index added later (seen on MariaDB 10.11)
      st.execute("ALTER TABLE videos FORCE");
      // secondary indexes that no foreign key needs are built once after the load too
      List<String> deferred = deferredIndexes(st);
      for (String index : deferred) {
        st.execute("ALTER TABLE videos DROP INDEX " + index.substring(0, index.indexOf(' ')));
      }
      int channels = Math.max(50, rows / 400);
      loadUsersAndChannels(st, channels);
      loadVideos(st, channels);
      if (!deferred.isEmpty()) {
        long ix = System.nanoTime();
        st.execute(
            "ALTER TABLE videos "
                + String.join(", ", deferred.stream().map(d -> "ADD INDEX " + d).toList()));
        System.err.printf(
            "bench: %s secondary indexes %.1fs%n", name, (System.nanoTime() - ix) / 1e9);
      }
      long ft = System.nanoTime();
      st.execute("ALTER TABLE videos ADD FULLTEXT KEY ft_videos_search (search_tokens)");
      System.err.printf("bench: %s FULLTEXT build %.1fs%n", name, (System.nanoTime() - ft) / 1e9);
      st.execute("ANALYZE TABLE videos, channels, users");
      st.execute(
          "CREATE TABLE bench_meta (version INT NOT NULL, row_count INT NOT NULL, load_seconds DOUBLE NOT NULL)");
      st.execute(
          "INSERT INTO bench_meta VALUES ("
              + GENERATOR_VERSION
              + ", "
              + rows
              + ", "
              + (System.nanoTime() - start) / 1e9
              + ")");
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * "name (col, col, ...)" of each videos index except the primary key, FULLTEXT and foreign-key
   * indexes.
   */
  private static List<String> deferredIndexes(Statement st) throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    try (ResultSet rs =
        st.executeQuery(
            "SELECT index_name, column_name FROM information_schema.statistics"
                + " WHERE table_schema = DATABASE() AND table_name = 'videos' AND index_type = 'BTREE' AND index_name <> 'PRIMARY'"
                + " ORDER BY index_name, seq_in_index")) {
      while (rs.next()) {
        columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    // indexes whose first column backs a foreign key stay (InnoDB needs one)
    columns
        .keySet()
        .removeIf(index -> List.of("ix_videos_channel", "ix_videos_category").contains(index));
    return columns.entrySet().stream()
        .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
        .toList();
  }

  private boolean isReady() {
    try (Connection c = DriverManager.getConnection(jdbcUrl());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, row_count FROM bench_meta")) {
      return rs.next() && rs.getInt(1) == GENERATOR_VERSION && rs.getInt(2) == rows;
    } catch (SQLException e) {
      return false;
    }
  }

  /** One creator per channel; 1% of owners hidden (their videos must never be found). */
  private void loadUsersAndChannels(Statement st, int channels) throws SQLException {
    String ts = "'" + TS.format(now.minusYears(3)) + "'";
    StringBuilder users = new StringBuilder();
    StringBuilder chans = new StringBuilder();
    for (int i = 1; i <= channels; i++) {
      if (!users.isEmpty()) {
        users.append(',');
        chans.append(',');
      }
      users
          .append("(")
          .append(i)
          .append(", 'creator")
          .append(i)
          .append("@bench.local', 'x', '創作者")
          .append(i)
          .append("', ")
          .append(i % 100 == 0 ? "TRUE" : "FALSE")
          .append(", ")
          .append(ts)
          .append(", ")
          .append(ts)
          .append(")");
      chans
          .append("(")
          .append(i)
          .append(", ")
          .append(i)
          .append(", '頻道 ")
          .append(i)
          .append("', ")
          .append(ts)
          .append(")");
      if (i % 5000 == 0 || i == channels) {
        st.execute(
            "INSERT INTO users (id, email, password_hash, display_name, is_hidden, created_at, updated_at) VALUES "
                + users);
        st.execute("INSERT INTO channels (id, user_id, name, created_at) VALUES " + chans);
        users.setLength(0);
        chans.setLength(0);
      }
    }
  }

  private void loadVideos(Statement st, int channels) throws Exception {
    Corpus corpus = new Corpus(42);
    Path dir = Files.createTempDirectory("fenz-bench-");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      int chunks = (rows + CHUNK - 1) / CHUNK;
      // generate chunk k+1 while the server loads chunk k
      Future<Path> next = pool.submit(() -> writeChunk(dir, corpus, channels, 0));
      for (int k = 0; k < chunks; k++) {
        Path file = next.get();
        if (k + 1 < chunks) {
          int nextChunk = k + 1;
          next = pool.submit(() -> writeChunk(dir, corpus, channels, nextChunk));
        }
        st.execute(
            "LOAD DATA LOCAL INFILE '"
                + file.toString().replace("\\", "/")
                + "' INTO TABLE videos"
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                + " (id, channel_id, category_id, title, description, duration_s, access_tier, is_published, video_key, thumbnail_key,"
                + " views_member, views_non_member, @published_at, created_at, updated_at, search_tokens)"
                + " SET published_at = NULLIF(@published_at, '')");
        Files.delete(file);
      }
    } finally {
      pool.shutdownNow();
      Files.deleteIfExists(dir);
    }
  }

  private Path writeChunk(Path dir, Corpus corpus, int channels, int chunk) throws IOException {
    Path file = dir.resolve("videos-" + chunk + ".tsv");
    long from = (long) chunk * CHUNK + 1;
    long to = Math.min(rows, from + CHUNK - 1);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long id = from; id <= to; id++) {
        SplittableRandom rnd = new SplittableRandom(id * 7919L);
        Corpus.Doc doc = corpus.doc(id);
        int channel = 1 + rnd.nextInt(channels);
        int category = 1 + rnd.nextInt(12);
        int duration =
            rnd.nextInt(10) < 5
                ? 20 + rnd.nextInt(220)
                : rnd.nextInt(10) < 7 ? 240 + rnd.nextInt(960) : 1201 + rnd.nextInt(7200);
        int tier = rnd.nextInt(100) < 80 ? 0 : rnd.nextInt(2) + 1;
        boolean published = rnd.nextInt(100) < 95;
        // views: heavy-tailed
        long views = (long) Math.floor(Math.pow(10, rnd.nextDouble() * 6.5));
        long member = tier == 0 ? views / 10 : views / 2;
        // published over the last three years, denser recently
        long ageSeconds = (long) (Math.pow(rnd.nextDouble(), 2) * 3 * 365 * 86400L);
        LocalDateTime publishedAt = now.minusSeconds(ageSeconds);
        String ts = TS.format(publishedAt.minusHours(1));
        out.append(Long.toString(id))
            .append('\t')
            .append(Integer.toString(channel))
            .append('\t')
            .append(Integer.toString(category))
            .append('\t')
            .append(tsv(doc.title()))
            .append('\t')
            .append(tsv(doc.description()))
            .append('\t')
            .append(Integer.toString(duration))
            .append('\t')
            .append(Integer.toString(tier))
            .append('\t')
            .append(published ? "1" : "0")
            .append('\t')
            .append("videos/bench/")
            .append(Long.toString(id))
            .append(".mp4\t\\N\t")
            .append(Long.toString(member))
            .append('\t')
            .append(Long.toString(views - member))
            .append('\t')
            .append(published ? TS.format(publishedAt) : "")
            .append('\t')
            .append(ts)
            .append('\t')
            .append(ts)
            .append('\t')
            .append(SearchTokenizer.indexText(doc.title(), doc.description()))
            .append('\n');
      }
    }
    return file;
  }

  private static String tsv(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }
}
