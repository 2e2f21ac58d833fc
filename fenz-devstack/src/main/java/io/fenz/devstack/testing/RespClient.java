package io.fenz.devstack.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the Redis protocol (RESP2) to clean up after a test class, so that this module
 * needs no Redis client library. Supports {@code redis://[[user]:password@]host[:port][/db]}; no
 * TLS.
 */
final class RespClient implements AutoCloseable {

  private static final int TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  static RespClient connect(String redisUrl) throws IOException {
    URI uri = URI.create(redisUrl);
    if (!"redis".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Only redis://host[:port] URLs are supported, got " + redisUrl);
    }
    Socket socket = new Socket();
    try {
      socket.connect(
          new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
          TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      RespClient client = new RespClient(socket);
      String userInfo = uri.getRawUserInfo();
      if (userInfo != null && !userInfo.isEmpty()) {
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
        String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        if (user.isEmpty()) {
          client.command("AUTH", password);
        } else {
          client.command("AUTH", user, password);
        }
      }
      String path = uri.getPath();
      if (path != null && path.length() > 1) {
        client.command("SELECT", path.substring(1));
      }
      return client;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /**
   * Sends one command; arguments are {@code String} (sent as UTF-8) or {@code byte[]}.
   *
   * @return {@code String} (status), {@code Long}, {@code byte[]} (bulk), {@code List<Object>} or
   *     null
   * @throws IllegalStateException for an error reply
   */
  Object command(Object... args) throws IOException {
    out.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (Object arg : args) {
      byte[] bytes = arg instanceof byte[] b ? b : arg.toString().getBytes(StandardCharsets.UTF_8);
      out.write(
          ('$' + Integer.toString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write('\r');
      out.write('\n');
    }
    out.flush();
    return readReply();
  }

  /**
   * Deletes every key starting with {@code prefix} (SCAN + UNLINK, so a big keyspace is not
   * blocked).
   */
  long deleteByPrefix(String prefix) throws IOException {
    String pattern = escapeGlob(prefix) + "*";
    String cursor = "0";
    long deleted = 0;
    do {
      List<?> reply = (List<?>) command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
      List<?> keys = (List<?>) reply.get(1);
      if (!keys.isEmpty()) {
        List<Object> unlink = new ArrayList<>(keys.size() + 1);
        unlink.add("UNLINK");
        unlink.addAll(keys);
        deleted += (Long) command(unlink.toArray());
      }
    } while (!cursor.equals("0"));
    return deleted;
  }

  private static String escapeGlob(String s) {
    StringBuilder escaped = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if ("*?[]\\".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  private Object readReply() throws IOException {
    int type = in.read();
    String line = readLine();
    return switch (type) {
      case '+' -> line;
      case '-' -> throw new IllegalStateException("Redis error: " + line);
      case ':' -> Long.parseLong(line);
      case '$' -> readBulk(Integer.parseInt(line));
      case '*' -> {
        int count = Integer.parseInt(line);
        if (count < 0) {
          yield null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(readReply());
        }
        yield items;
      }
      case -1 -> throw new EOFException("Redis closed the connection");
      default -> throw new IOException("Unexpected Redis reply type " + (char) type);
    };
  }

  private byte[] readBulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] data = in.readNBytes(length);
    if (data.length < length || in.read() != '\r' || in.read() != '\n') {
      throw new EOFException("Truncated Redis reply");
    }
    return data;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\r') {
      if (c == -1) {
        throw new EOFException("Redis closed the connection");
      }
      line.write(c);
    }
    if (in.read() != '\n') {
      throw new IOException("Malformed Redis reply");
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
