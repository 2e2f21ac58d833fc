package io.fenz.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentsConfigTest {
  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = FenzConfigTest.valid();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void sandboxByDefaultWithoutKeysNoSimulator() {
    FenzConfig.Payments p = FenzConfig.load(env()).payments();
    assertThat(p.apiUrl().toString()).isEqualTo("https://sandbox-api.paddle.com");
    assertThat(p.apiKey()).isNull();
    assertThat(p.simulator()).isFalse();
    assertThat(p.signatureTolerance()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theSimulatorNeverRunsBesideARealKeyAndSignsWithAGeneratedSecretOtherwise() {
    assertThatThrownBy(
            () ->
                FenzConfig.load(
                    env(
                        "FENZ_PAYMENT_SIMULATOR",
                        "true",
                        "PADDLE_API_KEY",
                        "pdl_sdbx_apikey_1",
                        "PADDLE_WEBHOOK_SECRET",
                        "s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FENZ_PAYMENT_SIMULATOR");
    FenzConfig.Payments p = FenzConfig.load(env("FENZ_PAYMENT_SIMULATOR", "true")).payments();
    assertThat(p.webhookSecret()).startsWith("pdl_ntfset_dev_").hasSizeGreaterThan(40);
    assertThat(p.toString()).doesNotContain(p.webhookSecret());
  }

  @Test
  void aKeyNeedsItsWebhookSecretAndMustMatchTheEnvironment() {
    assertThatThrownBy(() -> FenzConfig.load(env("PADDLE_API_KEY", "pdl_sdbx_apikey_1")))
        .hasMessageContaining("PADDLE_WEBHOOK_SECRET");
    assertThatThrownBy(
            () ->
                FenzConfig.load(
                    env(
                        "PADDLE_API_KEY",
                        "pdl_sdbx_apikey_1",
                        "PADDLE_WEBHOOK_SECRET",
                        "s",
                        "PADDLE_ENV",
                        "production")))
        .hasMessageContaining("PADDLE_ENV");
    assertThatThrownBy(() -> FenzConfig.load(env("PADDLE_ENV", "live")))
        .hasMessageContaining("PADDLE_ENV");
    FenzConfig.Payments live =
        FenzConfig.load(
                env(
                    "PADDLE_API_KEY",
                    "pdl_live_apikey_1",
                    "PADDLE_WEBHOOK_SECRET",
                    "s",
                    "PADDLE_ENV",
                    "production"))
            .payments();
    assertThat(live.apiUrl().toString()).isEqualTo("https://api.paddle.com");
    assertThat(live.toString()).doesNotContain("pdl_live_apikey_1");
  }
}
