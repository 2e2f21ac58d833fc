package io.fenz.content.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fenz.content.port.MediaTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Where ffprobe/ffmpeg are absent: said once, and media is left to the check of its first bytes.
 */
@Tag("unit")
class FfmpegMediaToolsTest {
  /** Nothing listens on port 1: a tool that ran would fail to read it, never call it unchecked. */
  private static final String URL = "http://127.0.0.1:1/videos/1/a.mp4";

  @Test
  void withoutTheToolsItSaysSoOnceAndLeavesMediaToItsFirstBytes(@TempDir Path dir) {
    Logger logger = (Logger) LoggerFactory.getLogger(FfmpegMediaTools.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      FfmpegMediaTools tools =
          new FfmpegMediaTools(
              dir.resolve("no-ffprobe").toString(), dir.resolve("no-ffmpeg").toString());

      assertThat(tools.probe(URL, true))
          .isEqualTo(new MediaTools.Probe(MediaTools.Verdict.UNCHECKED, 0));
      assertThat(tools.probe(URL, false).verdict()).isEqualTo(MediaTools.Verdict.UNCHECKED);
      assertThat(tools.extractThumbnail(URL, dir.resolve("t.jpg"))).isFalse();
      assertThat(dir.resolve("t.jpg")).doesNotExist();
      assertThat(lines.list)
          .as("said once, when built, not at every probe")
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.getLevel()).isEqualTo(Level.WARN);
                assertThat(line.getFormattedMessage())
                    .contains("no-ffprobe")
                    .contains("checked by its first bytes");
              });
    } finally {
      logger.detachAppender(lines);
    }
  }
}
