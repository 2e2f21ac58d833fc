package io.fenz.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.identity.adapter.BcryptPasswordHasher;
import io.fenz.identity.adapter.JdbiRefreshTokenStore;
import io.fenz.identity.adapter.JdbiUserRepository;
import io.fenz.identity.adapter.JwtAccessTokenCodec;
import io.fenz.identity.adapter.RedisLoginThrottle;
import io.fenz.identity.adapter.TrackedAccountStates;
import io.fenz.identity.app.AdminGuard;
import io.fenz.identity.app.CreateAccount;
import io.fenz.identity.app.EditUser;
import io.fenz.identity.app.LogIn;
import io.fenz.identity.app.SessionIssuer;
import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.UserRepository;
import io.fenz.monetization.adapter.JdbiChannelAccess;
import io.fenz.monetization.adapter.JdbiChannelDirectory;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.redis.RedisStore;
import io.fenz.testing.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The identity adapters against real MariaDB and Redis. */
@WithFenzServices
class IdentityPersistenceTest {
  private static Infrastructure infra;
  private static JdbiUserRepository users;
  private static CreateAccount createAccount;
  private static FenzConfig config;
  private static TestEnvironment env;

  @BeforeAll
  static void open(TestEnvironment environment) {
    env = environment;
    config =
        TestConfigs.config(env, Map.of("FENZ_LOGIN_MAX_FAILURES", "2", "FENZ_LOGIN_WINDOW", "2s"));
    infra = Infrastructure.open(config, Clock.systemUTC());
    users = new JdbiUserRepository(infra.database(), infra.clock());
    createAccount =
        new CreateAccount(
            users,
            new JdbiChannelDirectory(
                infra.database(),
                infra.clock(),
                new JdbiChannelAccess(infra.database(), infra.clock())),
            new BcryptPasswordHasher(config.auth()),
            infra.database());
  }

  @AfterAll
  static void close() {
    infra.close();
  }

  @Test
  void insertFindAndDuplicateEmail() {
    User user =
        users.insert(new UserRepository.NewUser("dup@example.com", "hash", "名字", Role.USER));
    assertThat(users.findById(user.id())).contains(user);
    assertThat(users.findByEmail("dup@example.com")).contains(user);
    assertThatThrownBy(
            () -> users.insert(new UserRepository.NewUser("dup@example.com", "h", "n", Role.USER)))
        .isInstanceOf(UserRepository.EmailTakenException.class);
  }

  @Test
  void aFailedChannelInsertRollsBackTheUser() {
    var failingChannels =
        new io.fenz.identity.port.ChannelDirectory() {
          @Override
          public long createChannelFor(long userId, String name) {
            throw new IllegalStateException("channel store down");
          }

          @Override
          public java.util.Optional<Long> channelIdOf(long userId) {
            return java.util.Optional.empty();
          }
        };
    CreateAccount failing =
        new CreateAccount(
            users, failingChannels, new BcryptPasswordHasher(config.auth()), infra.database());
    assertThatThrownBy(
            () ->
                failing.execute(
                    new CreateAccount.Command("half@example.com", "password-1", "Half", Role.USER)))
        .hasMessageContaining("channel store down");
    assertThat(users.findByEmail("half@example.com")).isEmpty();
  }

  @Test
  void listFiltersAndTreatsLikeWildcardsLiterally() {
    users.insert(new UserRepository.NewUser("percent%@example.com", "h", "百分比", Role.USER));
    users.insert(new UserRepository.NewUser("plainlist@example.com", "h", "Plain", Role.ADMIN));
    assertThat(
            users
                .list(new UserRepository.UserFilter("%", null, null), new PageRequest(1, 10))
                .total())
        .isEqualTo(1);
    assertThat(
            users
                .list(new UserRepository.UserFilter("百分", null, null), new PageRequest(1, 10))
                .items())
        .extracting(User::email)
        .containsExactly("percent%@example.com");
    assertThat(
            users
                .list(
                    new UserRepository.UserFilter("plainlist", Role.USER, null),
                    new PageRequest(1, 10))
                .total())
        .isZero();
    assertThat(
            users
                .list(new UserRepository.UserFilter(null, null, true), new PageRequest(1, 10))
                .total())
        .isZero();
  }

  @Test
  void twoAdminsDemotingEachOtherConcurrentlyLeaveOneAdmin() throws Exception {
    User a =
        createAccount.execute(
            new CreateAccount.Command("admin-a@example.com", "password-1", "A", Role.ADMIN));
    User b =
        createAccount.execute(
            new CreateAccount.Command("admin-b@example.com", "password-1", "B", Role.ADMIN));
    // Other admins made by other tests would make this race trivially safe: demote them first.
    for (User other :
        users
            .list(new UserRepository.UserFilter(null, Role.ADMIN, null), new PageRequest(1, 100))
            .items()) {
      if (other.id() != a.id() && other.id() != b.id()) {
        users.update(
            new User(
                other.id(),
                other.email(),
                other.passwordHash(),
                other.displayName(),
                Role.USER,
                other.hidden(),
                other.createdAt()));
      }
    }
    EditUser edit =
        new EditUser(
            users,
            new AdminGuard(users),
            infra.database(),
            new TrackedAccountStates(
                infra.database(), infra.redis(), config.auth(), infra.clock()));
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<Object>> results = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(2)) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return edit.execute(new EditUser.Command(a.id(), b.id(), null, null, Role.USER));
              }));
      results.add(
          pool.submit(
              () -> {
                start.await();
                return edit.execute(new EditUser.Command(b.id(), a.id(), null, null, Role.USER));
              }));
    }
    int failures = 0;
    for (Future<Object> result : results) {
      try {
        result.get();
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(FenzException.class);
        failures++;
      }
    }
    assertThat(failures).isEqualTo(1);
    assertThat(users.lockVisibleAdminIds()).hasSize(1);
  }

  @Test
  void loginThrottleCountsExpiresAndResets() throws Exception {
    RedisLoginThrottle throttle =
        new RedisLoginThrottle(infra.redis(), config.auth(), new SimpleMeterRegistry());
    String key = "someone@example.com|127.0.0.1";
    throttle.recordFailure(key);
    assertThat(throttle.blockedFor(key)).isEmpty();
    throttle.recordFailure(key);
    assertThat(throttle.blockedFor(key))
        .hasValueSatisfying(
            d -> assertThat(d).isBetween(Duration.ofMillis(1), Duration.ofSeconds(2)));
    assertThat(throttle.blockedFor("someone@example.com|10.0.0.9")).isEmpty();
    throttle.reset(key);
    assertThat(throttle.blockedFor(key)).isEmpty();
    throttle.recordFailure(key);
    throttle.recordFailure(key);
    Thread.sleep(2_100);
    assertThat(throttle.blockedFor(key)).as("window expired").isEmpty();
  }

  @Test
  void loginThrottleKeepsCountingInThisProcessWhenRedisIsDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FenzConfig limited =
        TestConfigs.config(
            env, Map.of("FENZ_LOGIN_MAX_FAILURES", "2", "FENZ_AUTH_ATTEMPTS_PER_MINUTE", "3"));
    try (RedisStore dead =
        new RedisStore(
            new FenzConfig.Redis(URI.create("redis://127.0.0.1:" + closedPort), "x:", 2))) {
      RedisLoginThrottle throttle =
          new RedisLoginThrottle(dead, limited.auth(), new SimpleMeterRegistry());
      throttle.recordFailure("k");
      assertThat(throttle.blockedFor("k")).isEmpty();
      throttle.recordFailure("k");
      assertThat(throttle.blockedFor("k")).as("the limit holds without Redis").isPresent();
      assertThat(throttle.blockedFor("other")).isEmpty();
      for (int i = 0; i < 3; i++) {
        assertThat(throttle.attempt("10.0.0.1")).isEmpty();
      }
      assertThat(throttle.attempt("10.0.0.1")).isPresent();
      assertThat(throttle.attempt("10.0.0.2")).isEmpty();
    }
  }

  @Test
  void addressAttemptsAreLimitedPerMinuteAcrossProcesses() {
    FenzConfig limited = TestConfigs.config(env, Map.of("FENZ_AUTH_ATTEMPTS_PER_MINUTE", "3"));
    RedisLoginThrottle one =
        new RedisLoginThrottle(infra.redis(), limited.auth(), new SimpleMeterRegistry());
    RedisLoginThrottle other =
        new RedisLoginThrottle(infra.redis(), limited.auth(), new SimpleMeterRegistry());
    assertThat(one.attempt("192.0.2.7")).isEmpty();
    assertThat(other.attempt("192.0.2.7")).isEmpty();
    assertThat(one.attempt("192.0.2.7")).isEmpty();
    assertThat(other.attempt("192.0.2.7"))
        .hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofMillis(1), Duration.ofMinutes(1)));
    assertThat(one.attempt("192.0.2.8")).isEmpty();
  }

  @Test
  void theCanonicalEmailIsTheUniqueKeyAndTheLoginKey() {
    User user =
        users.insert(new UserRepository.NewUser("victim@example.com", "hash", "Victim", Role.USER));
    for (String sameAccount :
        List.of(
            "VICTIM@example.com",
            "ｖｉｃｔｉｍ@example.com",
            "vic\u200btim@example.com",
            "victim\u00ad@example.com")) {
      assertThat(users.findByEmail(sameAccount)).as(sameAccount).map(User::id).contains(user.id());
      assertThatThrownBy(
              () -> users.insert(new UserRepository.NewUser(sameAccount, "h", "n", Role.USER)))
          .as(sameAccount)
          .isInstanceOf(UserRepository.EmailTakenException.class);
    }
    // Different letters are different addresses, whatever the column's collation thinks.
    assertThat(users.findByEmail("víctim@example.com")).isEmpty();
    assertThat(users.findByEmail("vi\u0441tim@example.com")).as("Cyrillic es").isEmpty();
    assertThat(
            users
                .insert(new UserRepository.NewUser("víctim@example.com", "h", "Other", Role.USER))
                .id())
        .isNotEqualTo(user.id());
  }

  @Test
  void failedLoginsCountPerAccountWhateverTheAddressOrSpelling() {
    FenzConfig throttled = TestConfigs.config(env, Map.of("FENZ_LOGIN_MAX_FAILURES", "3"));
    BcryptPasswordHasher hasher = new BcryptPasswordHasher(throttled.auth());
    createAccount.execute(
        new CreateAccount.Command(
            "botnet-target@example.com", "right-password", "Target", Role.USER));
    SessionIssuer sessions =
        new SessionIssuer(
            new JwtAccessTokenCodec(throttled.auth(), infra.clock()),
            new JdbiRefreshTokenStore(infra.database()),
            users,
            throttled.auth(),
            infra.clock());
    LogIn logIn =
        new LogIn(
            users,
            hasher,
            new RedisLoginThrottle(infra.redis(), throttled.auth(), new SimpleMeterRegistry()),
            sessions);
    String[] spellings = {
      "botnet-target@example.com", "BOTNET-TARGET@example.com", "ｂotnet-target@example.com"
    };
    for (int i = 0; i < 3; i++) {
      String address = "198.51.100." + i;
      String email = spellings[i];
      assertThatThrownBy(() -> logIn.execute(new LogIn.Command(email, "guess-" + address, address)))
          .isInstanceOfSatisfying(
              FenzException.class, e -> assertThat(e.code()).isEqualTo("invalid_credentials"));
    }
    assertThatThrownBy(
            () ->
                logIn.execute(
                    new LogIn.Command(
                        "botnet-target@example.com", "right-password", "203.0.113.9")))
        .as("a fresh address gets no fresh guesses")
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("rate_limited"));
  }

  @Test
  void passwordHashingWaitsForItsPoolOnlyUntilTheDeadline() throws Exception {
    FenzConfig slow =
        TestConfigs.config(
            env,
            Map.of(
                "FENZ_BCRYPT_COST",
                "14",
                "FENZ_PASSWORD_HASH_THREADS",
                "1",
                "FENZ_PASSWORD_HASH_WAIT",
                "50ms"));
    BcryptPasswordHasher hasher = new BcryptPasswordHasher(slow.auth());
    try (var background = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> first = background.submit(() -> hasher.hash("password-1"));
      Thread.sleep(
          200); // a cost-14 hash takes about a second: the only hashing thread is busy for a while
      // yet
      assertThatThrownBy(() -> hasher.matches("password-2", "$2a$04$abcdefghijklmnopqrstuu"))
          .isInstanceOfSatisfying(
              FenzException.class,
              e -> {
                assertThat(e.code()).isEqualTo("busy");
                assertThat(e.details()).containsEntry("retryAfterSeconds", 1L);
              });
      assertThat(hasher.matches("password-1", first.get())).isTrue();
    }
  }
}
