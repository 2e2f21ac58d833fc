package io.fenz.devstack;

import java.util.Objects;
import java.util.regex.Pattern;

/** Turns the server-level JDBC URLs handed out here into URLs of one database. */
public final class JdbcUrls {

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");

  private JdbcUrls() {}

  /**
   * {@code jdbc:mariadb://127.0.0.1:3306/?user=root} + {@code fenz} -> {@code
   * jdbc:mariadb://127.0.0.1:3306/fenz?user=root}. Any database already in the URL is replaced;
   * query parameters are kept.
   *
   * @param database a plain identifier (letters, digits, {@code _}, {@code $}), as it is not
   *     escaped
   */
  public static String withDatabase(String serverUrl, String database) {
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (database == null || !DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + database);
    }
    int schemeEnd = serverUrl.indexOf("://");
    if (!serverUrl.startsWith("jdbc:") || schemeEnd < 0) {
      throw new IllegalArgumentException("Not a JDBC URL with a host: " + serverUrl);
    }
    int queryStart = serverUrl.indexOf('?');
    String query = queryStart < 0 ? "" : serverUrl.substring(queryStart);
    String beforeQuery = queryStart < 0 ? serverUrl : serverUrl.substring(0, queryStart);
    int pathStart = beforeQuery.indexOf('/', schemeEnd + 3);
    String hostPart = pathStart < 0 ? beforeQuery : beforeQuery.substring(0, pathStart);
    return hostPart + "/" + database + query;
  }
}
