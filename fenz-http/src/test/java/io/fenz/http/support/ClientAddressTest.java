package io.fenz.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.2", "10.0.0.3"));

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    assertThat(behindProxies.resolve("192.0.2.1", "198.51.100.7")).isEqualTo("192.0.2.1");
    assertThat(new ClientAddress(List.of()).resolve("127.0.0.1", "198.51.100.7"))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
    assertThat(behindProxies.resolve("10.0.0.2", "198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(behindProxies.resolve("10.0.0.2", "203.0.113.9, 198.51.100.7, 10.0.0.3"))
        .isEqualTo("198.51.100.7");
    assertThat(behindProxies.resolve("10.0.0.2", "2001:db8::1")).isEqualTo("2001:db8::1");
  }

  @Test
  void aGarbledOrMissingHeaderLeavesThePeer() {
    assertThat(behindProxies.resolve("10.0.0.2", null)).isEqualTo("10.0.0.2");
    assertThat(behindProxies.resolve("10.0.0.2", "")).isEqualTo("10.0.0.2");
    assertThat(behindProxies.resolve("10.0.0.2", "198.51.100.7, not-an-ip")).isEqualTo("10.0.0.2");
  }
}
