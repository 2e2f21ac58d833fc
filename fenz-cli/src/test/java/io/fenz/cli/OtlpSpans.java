package io.fenz.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the spans out of OTLP/HTTP protobuf export bodies (ExportTraceServiceRequest →
 * resource_spans → scope_spans → spans): enough protobuf to check which spans share a trace.
 */
final class OtlpSpans {
  /** A received span: trace and parent as hex (parent empty for a root), name and OTLP kind. */
  record Span(String traceId, String spanId, String parentId, String name, int kind) {}

  static final int INTERNAL = 1;
  static final int SERVER = 2;
  static final int CLIENT = 3;
  static final int PRODUCER = 4;
  static final int CONSUMER = 5;

  private OtlpSpans() {}

  static List<Span> read(List<byte[]> bodies) {
    List<Span> spans = new ArrayList<>();
    for (byte[] body : bodies) {
      for (byte[] resourceSpans : fields(body, 1)) {
        for (byte[] scopeSpans : fields(resourceSpans, 2)) {
          for (byte[] span : fields(scopeSpans, 2)) {
            spans.add(span(span));
          }
        }
      }
    }
    return spans;
  }

  private static Span span(byte[] bytes) {
    String trace = "";
    String id = "";
    String parent = "";
    String name = "";
    int kind = 0;
    Reader in = new Reader(bytes);
    while (in.more()) {
      long key = in.varint();
      int field = (int) (key >>> 3);
      int type = (int) (key & 7);
      if (type == 2) {
        byte[] value = in.bytes();
        switch (field) {
          case 1 -> trace = HexFormat.of().formatHex(value);
          case 2 -> id = HexFormat.of().formatHex(value);
          case 4 -> parent = HexFormat.of().formatHex(value);
          case 5 -> name = new String(value, StandardCharsets.UTF_8);
          default -> {}
        }
      } else if (field == 6 && type == 0) {
        kind = (int) in.varint();
      } else {
        in.skip(type);
      }
    }
    return new Span(trace, id, parent, name, kind);
  }

  /** The length-delimited values of {@code wanted} in one message. */
  private static List<byte[]> fields(byte[] message, int wanted) {
    List<byte[]> found = new ArrayList<>();
    Reader in = new Reader(message);
    while (in.more()) {
      long key = in.varint();
      int type = (int) (key & 7);
      if (type == 2) {
        byte[] value = in.bytes();
        if ((key >>> 3) == wanted) {
          found.add(value);
        }
      } else {
        in.skip(type);
      }
    }
    return found;
  }

  private static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean more() {
      return at < bytes.length;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[at++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
    }

    byte[] bytes() {
      int length = (int) varint();
      ByteArrayOutputStream out = new ByteArrayOutputStream(length);
      out.write(bytes, at, length);
      at += length;
      return out.toByteArray();
    }

    void skip(int type) {
      switch (type) {
        case 0 -> varint();
        case 1 -> at += 8;
        case 5 -> at += 4;
        default -> throw new IllegalStateException("unexpected protobuf wire type " + type);
      }
    }
  }
}
