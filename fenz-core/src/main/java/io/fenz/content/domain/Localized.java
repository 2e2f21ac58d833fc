package io.fenz.content.domain;

/** A name in both UI languages; zh-TW is the default. */
public record Localized(String zh, String en) {
  public String in(String language) {
    return language != null && language.startsWith("en") ? en : zh;
  }
}
