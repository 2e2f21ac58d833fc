package io.fenz.platform.events;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;

/**
 * Opens the NATS connection with reconnects on, so a NATS restart is survived without a process
 * restart.
 */
public final class NatsConnector {
  private NatsConnector() {}

  public static Connection connect(String url) throws Exception {
    Options options =
        new Options.Builder()
            .server(url)
            .connectionName("fenz")
            .connectionTimeout(Duration.ofSeconds(3))
            .maxReconnects(-1)
            .build();
    return Nats.connect(options);
  }

  public static boolean isConnected(Connection connection) {
    return connection.getStatus() == Connection.Status.CONNECTED;
  }
}
