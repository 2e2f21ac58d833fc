package io.fenz.http.support;

import io.fenz.platform.config.FenzConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP connector's defences against clients that hold connections without using them: an idle
 * timeout, and a cap on open connections per peer address (a connection past the cap is closed as
 * it opens, before it costs a thread or a buffer). Trusted proxies carry many clients and are not
 * capped. Upload bodies also have a {@link MinimumRate}.
 */
public final class SlowClients {
  private SlowClients() {}

  public static ServerConnector connector(
      Server server, HttpConfiguration http, FenzConfig.Http address, FenzConfig.Limits limits) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(address.host());
    connector.setPort(address.port());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    if (limits.connectionsPerAddress() > 0) {
      connector.addEventListener(
          new PerAddressCap(limits.connectionsPerAddress(), Set.copyOf(limits.trustedProxies())));
    }
    return connector;
  }

  /**
   * Counts open connections per peer address; closes those past the cap. A connection's address is
   * kept from its opening: once closed, its end point no longer knows it.
   */
  static final class PerAddressCap implements Connection.Listener {
    private final int cap;
    private final Set<String> exempt;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentMap<Connection, String> counted = new ConcurrentHashMap<>();

    PerAddressCap(int cap, Set<String> exempt) {
      this.cap = cap;
      this.exempt = exempt;
    }

    @Override
    public void onOpened(Connection connection) {
      String address = address(connection);
      if (address == null || exempt.contains(address)) {
        return;
      }
      counted.put(connection, address);
      if (open.merge(address, 1, Integer::sum) > cap) {
        connection.close();
      }
    }

    @Override
    public void onClosed(Connection connection) {
      String address = counted.remove(connection);
      if (address != null) {
        open.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
      }
    }

    private static String address(Connection connection) {
      SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
      return remote instanceof InetSocketAddress inet && inet.getAddress() != null
          ? inet.getAddress().getHostAddress()
          : null;
    }
  }
}
