package io.fenz.identity;

import dagger.Binds;
import dagger.Module;
import io.fenz.identity.adapter.BcryptPasswordHasher;
import io.fenz.identity.adapter.JdbiRefreshTokenStore;
import io.fenz.identity.adapter.JdbiUserRepository;
import io.fenz.identity.adapter.JwtAccessTokenCodec;
import io.fenz.identity.adapter.RedisLoginThrottle;
import io.fenz.identity.adapter.TrackedAccountStates;
import io.fenz.identity.port.AccessTokenCodec;
import io.fenz.identity.port.AccountStates;
import io.fenz.identity.port.LoginThrottle;
import io.fenz.identity.port.PasswordHasher;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.identity.port.UserRepository;

@Module
public interface IdentityModule {
  @Binds
  UserRepository users(JdbiUserRepository impl);

  @Binds
  RefreshTokenStore refreshTokens(JdbiRefreshTokenStore impl);

  @Binds
  PasswordHasher passwords(BcryptPasswordHasher impl);

  @Binds
  AccessTokenCodec accessTokens(JwtAccessTokenCodec impl);

  @Binds
  LoginThrottle loginThrottle(RedisLoginThrottle impl);

  @Binds
  AccountStates accountStates(TrackedAccountStates impl);
}
