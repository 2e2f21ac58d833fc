package io.fenz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCommandTest {
  @Test
  void devServerListensOnLoopbackUnlessFenzHttpHostSaysOtherwise() {
    Map<String, String> unset = new HashMap<>();
    DevCommand.listenLocallyUnlessTold(unset);
    assertThat(unset).containsEntry("FENZ_HTTP_HOST", "127.0.0.1");

    Map<String, String> blank = new HashMap<>(Map.of("FENZ_HTTP_HOST", " "));
    DevCommand.listenLocallyUnlessTold(blank);
    assertThat(blank).containsEntry("FENZ_HTTP_HOST", "127.0.0.1");

    Map<String, String> told = new HashMap<>(Map.of("FENZ_HTTP_HOST", "0.0.0.0"));
    DevCommand.listenLocallyUnlessTold(told);
    assertThat(told).containsEntry("FENZ_HTTP_HOST", "0.0.0.0");
  }

  @Test
  void theJwtSecretFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwt-secret");
    String secret = DevCommand.persistentSecret(file);
    assertThat(secret).hasSize(64);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    // A file an older version left world-readable is tightened, and its secret kept.
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(DevCommand.persistentSecret(file)).isEqualTo(secret);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
