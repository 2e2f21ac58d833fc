package io.fenz.http.support;

import io.fenz.platform.error.FenzException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams one file field of a multipart/form-data body straight from the request: nothing is
 * spooled to disk or held beyond a small buffer, so the caller's size limit is the only limit that
 * matters. Any malformed piece (no or bad boundary, headers too long, a body that ends before the
 * closing boundary) is 400 {@code invalid_request}.
 */
public final class MultipartFile extends InputStream {
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i);\\s*boundary=(\"([^\"]*)\"|[^;\\s]*)");

  /** RFC 2046: 1 to 70 characters from a small set, not ending in a space. */
  private static final Pattern VALID_BOUNDARY =
      Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

  private static final Pattern FIELD_NAME =
      Pattern.compile("(?i)content-disposition:\\s*form-data;.*?\\bname=\"([^\"]*)\"");

  /** Most bytes of preamble, part headers and skipped parts read before the file field starts. */
  private static final int MAX_BEFORE_FILE = 64 << 10;

  private static final int BUFFER = 64 << 10;

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buffer = new byte[BUFFER];
  private int start;
  private int end;
  private boolean finished;

  /** The file's content ended: every later read is -1. */
  private boolean fileEnded;

  private boolean inFile;

  private MultipartFile(InputStream in, byte[] delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  /**
   * The content of the field named {@code field}, read as the caller reads; 400 if the body is
   * malformed or has no such field.
   */
  public static InputStream open(InputStream body, String contentType, String field) {
    Matcher m = BOUNDARY.matcher(contentType);
    String boundary = !m.find() ? null : m.group(2) != null ? m.group(2) : m.group(1);
    if (boundary == null || !VALID_BOUNDARY.matcher(boundary).matches()) {
      throw malformed("A multipart body needs a boundary of 1 to 70 characters.");
    }
    MultipartFile parts =
        new MultipartFile(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII));
    parts.seekField(field);
    return parts;
  }

  /** Skips the preamble and any other parts up to the start of the field's content. */
  private void seekField(String field) {
    // The first delimiter may open the body without the leading CRLF: pretend it was there.
    buffer[0] = '\r';
    buffer[1] = '\n';
    start = 0;
    end = 2;
    long skipped = 0;
    while (true) {
      skipped += skipPart();
      if (finished) {
        throw FenzException.invalidInput(
            "empty_upload", "Send the media in a multipart field named '" + field + "'.");
      }
      String headers = readHeaders();
      Matcher name = FIELD_NAME.matcher(headers);
      if (name.find() && name.group(1).equals(field)) {
        inFile = true;
        return;
      }
      if (skipped > MAX_BEFORE_FILE) {
        throw malformed("The multipart body has too much before its '" + field + "' field.");
      }
    }
  }

  /**
   * Reads up to and past the next delimiter; {@code finished} when it was the closing one. Returns
   * the bytes skipped.
   */
  private long skipPart() {
    long skipped = 0;
    byte[] scratch = new byte[8192];
    int n;
    while ((n = read(scratch, 0, scratch.length)) > 0) {
      skipped += n;
      if (skipped > MAX_BEFORE_FILE) {
        throw malformed("The multipart body has too much before its file field.");
      }
    }
    // read() stopped at a delimiter: "--" closes the body, CRLF starts the next part.
    fill(2);
    finished = end - start >= 2 && buffer[start] == '-' && buffer[start + 1] == '-';
    return skipped;
  }

  /** The part's header block (ASCII), ending at the empty line; its bytes are consumed. */
  private String readHeaders() {
    while (true) {
      int at = indexOf(new byte[] {'\r', '\n', '\r', '\n'}, start, end);
      if (at >= 0) {
        String headers = new String(buffer, start, at - start, StandardCharsets.ISO_8859_1);
        start = at + 4;
        return headers.toLowerCase(Locale.ROOT).contains("content-disposition") ? headers : "";
      }
      if (end - start >= MAX_BEFORE_FILE / 8 || !fill(end - start + 1)) {
        throw malformed("A multipart part's headers are too long or never end.");
      }
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /** Content bytes up to the next delimiter; -1 there (the delimiter itself is consumed). */
  @Override
  public int read(byte[] target, int offset, int length) {
    if (fileEnded) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    if (!fill(delimiter.length) && end - start < delimiter.length) {
      throw malformed("The multipart body ended before its closing boundary.");
    }
    int at = indexOf(delimiter, start, end);
    int available = at >= 0 ? at - start : end - start - (delimiter.length - 1);
    if (at == start) {
      start += delimiter.length;
      fileEnded = inFile;
      return -1;
    }
    int n = Math.min(length, Math.max(available, 0));
    System.arraycopy(buffer, start, target, offset, n);
    start += n;
    return n;
  }

  /** Tries to have at least {@code wanted} bytes buffered; false when the body ended first. */
  private boolean fill(int wanted) {
    if (end - start >= wanted) {
      return true;
    }
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    try {
      while (end < wanted) {
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
          return false;
        }
        end += n;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      // The client went away, or Jetty gave up on it (idle timeout, body slower than the minimum
      // data rate).
      throw malformed("The multipart body could not be read to its end.");
    }
  }

  private int indexOf(byte[] pattern, int from, int to) {
    outer:
    for (int i = from; i <= to - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (buffer[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static FenzException malformed(String message) {
    return FenzException.invalidInput("invalid_request", message);
  }
}
