package io.fenz.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of environment variables; every failure names the variable and never echoes a secret.
 */
final class Env {
  private static final Pattern SHORT_DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");
  private final Map<String, String> values;

  Env(Map<String, String> values) {
    this.values = values;
  }

  String optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  String string(String name, String fallback) {
    String value = optional(name);
    return value == null ? fallback : value;
  }

  String required(String name, String example) {
    String value = optional(name);
    if (value == null) {
      throw new ConfigException(name + " is required (e.g. " + example + ")");
    }
    return value;
  }

  int integer(String name, int fallback, int min, int max) {
    String value = optional(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new ConfigException(
            name + " must be between " + min + " and " + max + ", got " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, got '" + value + "'");
    }
  }

  long bytes(String name, long fallback) {
    String value = optional(name);
    if (value == null) {
      return fallback;
    }
    Matcher m = Pattern.compile("^(\\d+)\\s*([kKmMgG]?)[bB]?$").matcher(value);
    if (!m.matches()) {
      throw new ConfigException(
          name + " must be a size like 1048576, 512k, 10m or 2g, got '" + value + "'");
    }
    long base = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase()) {
      case "k" -> base << 10;
      case "m" -> base << 20;
      case "g" -> base << 30;
      default -> base;
    };
  }

  Duration duration(String name, Duration fallback) {
    String value = optional(name);
    if (value == null) {
      return fallback;
    }
    Matcher m = SHORT_DURATION.matcher(value);
    Duration parsed;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      parsed =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        parsed = Duration.parse(value);
      } catch (RuntimeException e) {
        throw new ConfigException(
            name + " must be a duration like 30s, 15m, 24h, 7d or PT1H, got '" + value + "'");
      }
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw new ConfigException(name + " must be positive, got '" + value + "'");
    }
    return parsed;
  }

  URI uri(String name, String value, List<String> schemes) {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException(
            name + " must be a URL with scheme " + String.join("/", schemes) + " and a host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " is not a valid URL");
    }
  }

  Path path(String name, String fallback) {
    try {
      return Path.of(string(name, fallback)).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      throw new ConfigException(name + " is not a valid path");
    }
  }

  List<String> list(String name, String fallback) {
    String value = string(name, fallback);
    return value.isEmpty() ? List.of() : List.of(value.split("\\s*,\\s*"));
  }

  boolean bool(String name, boolean fallback) {
    String value = string(name, Boolean.toString(fallback));
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(name + " must be true or false");
    };
  }
}
