package io.fenz.discovery.domain;

/** A search filter or sort value with its wire name (the lowercase word clients send). */
public interface SearchOption {
  String wire();
}
