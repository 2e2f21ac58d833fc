package io.fenz.platform.config;

/** A missing or bad configuration value; the message is one line naming the variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
