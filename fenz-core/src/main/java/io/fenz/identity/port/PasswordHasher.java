package io.fenz.identity.port;

public interface PasswordHasher {
  String hash(String password);

  boolean matches(String password, String hash);
}
