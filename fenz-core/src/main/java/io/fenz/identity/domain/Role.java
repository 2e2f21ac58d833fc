package io.fenz.identity.domain;

public enum Role {
  USER,
  ADMIN
}
