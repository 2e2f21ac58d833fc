package io.fenz.content.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an upload is, judged by its first bytes (never by the name or the client's Content-Type).
 */
public enum MediaKind {
  MP4("video", "video/mp4", "mp4"),
  QUICKTIME("video", "video/quicktime", "mov"),
  WEBM("video", "video/webm", "webm"),
  JPEG("image", "image/jpeg", "jpg"),
  PNG("image", "image/png", "png"),
  WEBP("image", "image/webp", "webp");

  /** How many leading bytes {@link #sniff} needs. */
  public static final int SNIFF_BYTES = 16;

  private final String family;
  private final String contentType;
  private final String extension;

  MediaKind(String family, String contentType, String extension) {
    this.family = family;
    this.contentType = contentType;
    this.extension = extension;
  }

  public boolean isVideo() {
    return family.equals("video");
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  public static Optional<MediaKind> sniff(byte[] head) {
    if (head.length >= 12 && ascii(head, 4, 8).equals("ftyp")) {
      return Optional.of(ascii(head, 8, 12).equals("qt  ") ? QUICKTIME : MP4);
    }
    if (head.length >= 8
        && Arrays.asList("moov", "mdat", "wide", "free").contains(ascii(head, 4, 8))) {
      return Optional.of(QUICKTIME);
    }
    if (head.length >= 4
        && (head[0] & 0xff) == 0x1A
        && (head[1] & 0xff) == 0x45
        && (head[2] & 0xff) == 0xDF
        && (head[3] & 0xff) == 0xA3) {
      return Optional.of(WEBM);
    }
    if (head.length >= 3
        && (head[0] & 0xff) == 0xFF
        && (head[1] & 0xff) == 0xD8
        && (head[2] & 0xff) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (head.length >= 8
        && (head[0] & 0xff) == 0x89
        && ascii(head, 1, 4).equals("PNG")
        && head[4] == 0x0D
        && head[5] == 0x0A
        && head[6] == 0x1A
        && head[7] == 0x0A) {
      return Optional.of(PNG);
    }
    if (head.length >= 12
        && ascii(head, 0, 4).equals("RIFF")
        && ascii(head, 8, 12).equals("WEBP")) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static String ascii(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
