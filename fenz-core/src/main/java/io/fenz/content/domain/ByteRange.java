package io.fenz.content.domain;

import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One inclusive byte range of an object of {@code total} bytes, from an HTTP Range header. */
public record ByteRange(long start, long end, long total) {
  private static final Pattern SINGLE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

  public long length() {
    return end - start + 1;
  }

  public String contentRange() {
    return "bytes " + start + "-" + end + "/" + total;
  }

  /**
   * Empty when the whole object should be sent (no header, or several ranges, which we may ignore
   * per RFC 9110); 416 for a syntactically valid range that lies outside the object. Positions past
   * what a long holds are just "past the end": an end is clamped to the object (RFC 9110).
   */
  public static Optional<ByteRange> parse(String header, long total) {
    if (header == null || header.isBlank() || header.contains(",")) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    long start;
    long end;
    if (m.group(1).isEmpty()) {
      long suffix = position(m.group(2));
      if (suffix == 0) {
        throw unsatisfiable(total);
      }
      start = Math.max(0, total - suffix);
      end = total - 1;
    } else {
      start = position(m.group(1));
      end = m.group(2).isEmpty() ? total - 1 : Math.min(position(m.group(2)), total - 1);
      if (!m.group(2).isEmpty() && position(m.group(2)) < start) {
        return Optional.empty();
      }
    }
    if (start >= total || total == 0) {
      throw unsatisfiable(total);
    }
    return Optional.of(new ByteRange(start, end, total));
  }

  /**
   * ASCII digits (the pattern's \d) as a position; more than a long holds is past any object's end.
   */
  private static long position(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooBig) {
      return Long.MAX_VALUE;
    }
  }

  private static FenzException unsatisfiable(long total) {
    return new FenzException(
        ErrorKind.RANGE_NOT_SATISFIABLE,
        "range_not_satisfiable",
        "The requested range is outside the media.",
        List.of(),
        Map.of("contentRange", "bytes */" + total));
  }
}
