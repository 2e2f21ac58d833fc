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
   * Empty when the whole object should be sent (no header, or several ranges, which we may
   * ignore per RFC 9110); 416 for a syntactically valid range that lies outside the object.
   */
  public static Optional<ByteRange> parse(String header, long total) {
    if (header == null || header.isBlank() || header.contains(",")) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    try {
      long start;
      long end;
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0) {
          throw unsatisfiable(total);
        }
        start = Math.max(0, total - suffix);
        end = total - 1;
      } else {
        start = Long.parseLong(m.group(1));
        end = m.group(2).isEmpty() ? total - 1 : Math.min(Long.parseLong(m.group(2)), total - 1);
        if (m.group(2).isEmpty() ? false : Long.parseLong(m.group(2)) < start) {
          return Optional.empty();
        }
      }
      if (start >= total || total == 0) {
        throw unsatisfiable(total);
      }
      return Optional.of(new ByteRange(start, end, total));
    } catch (NumberFormatException tooBig) {
      throw unsatisfiable(total);
    }
  }

  private static FenzException unsatisfiable(long total) {
    return new FenzException(ErrorKind.RANGE_NOT_SATISFIABLE, "range_not_satisfiable", "The requested range is outside the media.",
        List.of(), Map.of("contentRange", "bytes */" + total));
  }
}
