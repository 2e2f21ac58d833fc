package io.fenz.platform.config;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** Reads the Paddle variables; the simulator can never run beside a real API key. */
final class PaymentsConfig {
  private PaymentsConfig() {}

  static FenzConfig.Payments load(Env env) {
    String mode = env.string("PADDLE_ENV", "sandbox");
    if (!mode.equals("sandbox") && !mode.equals("production")) {
      throw new ConfigException("PADDLE_ENV must be sandbox or production, got '" + mode + "'");
    }
    boolean production = mode.equals("production");
    String apiKey = env.optional("PADDLE_API_KEY");
    if (apiKey != null && production == apiKey.contains("_sdbx_")) {
      throw new ConfigException(
          "PADDLE_API_KEY is a "
              + (production ? "sandbox" : "live")
              + " key but PADDLE_ENV is "
              + mode);
    }
    String simulatorFlag = env.string("FENZ_PAYMENT_SIMULATOR", "false");
    if (!simulatorFlag.equals("true") && !simulatorFlag.equals("false")) {
      throw new ConfigException(
          "FENZ_PAYMENT_SIMULATOR must be true or false, got '" + simulatorFlag + "'");
    }
    boolean simulator = simulatorFlag.equals("true");
    if (simulator && apiKey != null) {
      throw new ConfigException(
          "FENZ_PAYMENT_SIMULATOR must not be true while PADDLE_API_KEY is set");
    }
    String secret = env.optional("PADDLE_WEBHOOK_SECRET");
    if (apiKey != null && secret == null) {
      throw new ConfigException(
          "PADDLE_WEBHOOK_SECRET is required when PADDLE_API_KEY is set (the notification destination's secret key)");
    }
    if (secret == null && simulator) {
      secret = "pdl_ntfset_dev_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    }
    String defaultUrl = production ? "https://api.paddle.com" : "https://sandbox-api.paddle.com";
    return new FenzConfig.Payments(
        apiKey,
        secret,
        production,
        env.optional("PADDLE_CLIENT_TOKEN"),
        env.uri(
            "FENZ_PADDLE_API_URL",
            env.string("FENZ_PADDLE_API_URL", defaultUrl),
            List.of("http", "https")),
        env.duration("FENZ_PADDLE_SIGNATURE_TOLERANCE", Duration.ofSeconds(5)),
        simulator,
        env.duration("FENZ_PAYMENTS_RECONCILE_AFTER", Duration.ofMinutes(15)));
  }
}
