package io.fenz.identity.adapter;

import io.fenz.identity.port.PasswordHasher;
import io.fenz.platform.config.FenzConfig;
import jakarta.inject.Inject;
import org.mindrot.jbcrypt.BCrypt;

public final class BcryptPasswordHasher implements PasswordHasher {
  private final int cost;

  @Inject
  public BcryptPasswordHasher(FenzConfig.Auth auth) {
    this.cost = auth.bcryptCost();
  }

  @Override
  public String hash(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt(cost));
  }

  @Override
  public boolean matches(String password, String hash) {
    try {
      return BCrypt.checkpw(password, hash);
    } catch (IllegalArgumentException malformedHash) {
      return false;
    }
  }
}
