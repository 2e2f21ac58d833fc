package io.fenz.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.monetization.adapter.JdbiChannelAccess;
import io.fenz.monetization.adapter.JdbiChannelRepository;
import io.fenz.monetization.adapter.JdbiDonationRepository;
import io.fenz.monetization.adapter.JdbiMembershipRepository;
import io.fenz.monetization.adapter.JdbiProcessedEvents;
import io.fenz.monetization.adapter.PaddleApi;
import io.fenz.monetization.app.ApplyPaymentEvent;
import io.fenz.monetization.app.ReconcilePayments;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.events.JdbiOutbox;
import io.fenz.platform.events.LocalEvents;
import io.fenz.platform.json.Json;
import io.fenz.testing.FakePaddle;
import io.fenz.testing.MutableClock;
import io.fenz.testing.PaddleFixtures;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import io.fenz.worker.jobs.PaymentReconciliationJob;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Missed webhooks heal: the job re-reads stale tips and overdue memberships from an in-test Paddle
 * and applies them.
 */
@WithFenzServices
class PaymentReconciliationTest {
  private static final MutableClock CLOCK =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private static FakePaddle paddle;
  private static Infrastructure infra;
  private static TestEnvironment env;
  private static PaymentReconciliationJob job;

  @BeforeAll
  static void open(TestEnvironment environment) throws Exception {
    env = environment;
    paddle = new FakePaddle();
    FenzConfig config =
        TestConfigs.config(
            env,
            Map.of(
                "PADDLE_API_KEY",
                "pdl_sdbx_apikey_t",
                "PADDLE_WEBHOOK_SECRET",
                "s",
                "FENZ_PADDLE_API_URL",
                paddle.url(),
                "FENZ_PAYMENTS_RECONCILE_AFTER",
                "10m"));
    infra = Infrastructure.open(config, CLOCK);
    Database db = infra.database();
    var donations = new JdbiDonationRepository(db);
    var memberships = new JdbiMembershipRepository(db);
    var apply =
        new ApplyPaymentEvent(
            db,
            new JdbiProcessedEvents(db),
            donations,
            memberships,
            new JdbiChannelRepository(db),
            new JdbiOutbox(db, CLOCK, new LocalEvents(Set.of())),
            CLOCK);
    job =
        new PaymentReconciliationJob(
            new ReconcilePayments(
                donations,
                memberships,
                new PaddleApi(config.payments(), Json.mapper(), Duration.ofMillis(1)),
                apply,
                config.payments(),
                CLOCK));
    Sql.execute(
        env,
        "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES (1, 'c@example.com', 'x', 'C', NOW(), NOW())",
        "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES (2, 'f@example.com', 'x', 'F', NOW(), NOW())",
        "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, 'C', NOW())");
  }

  @AfterAll
  static void close() {
    infra.close();
    paddle.close();
  }

  private static String at(Instant t) {
    return "'" + LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace('T', ' ') + "'";
  }

  private static void pending(String txn, Duration age) {
    Sql.execute(
        env,
        "INSERT INTO donations (from_user_id, to_channel_id, amount, currency, status, paddle_transaction_id, created_at, updated_at) "
            + "VALUES (2, 1, 5000, 'TWD', 'pending', '"
            + txn
            + "', "
            + at(CLOCK.instant().minus(age))
            + ", NOW())");
  }

  private static void membership(String sub, Instant periodEnd, Instant lastEvent) {
    Sql.execute(
        env,
        "INSERT INTO memberships (user_id, channel_id, paddle_subscription_id, status, current_period_end, activated_at, "
            + "updated_from_event_at, created_at) VALUES (2, 1, '"
            + sub
            + "', 'active', "
            + at(periodEnd)
            + ", "
            + at(lastEvent)
            + ", "
            + at(lastEvent)
            + ", NOW())");
  }

  @Test
  void staleTipsAndOverdueMembershipsAreReadFromPaddleAndAppliedOnce() throws Exception {
    Instant now = CLOCK.instant();
    pending("txn_01stale", Duration.ofMinutes(20));
    pending("txn_01fresh", Duration.ofMinutes(2));
    pending("txn_01lost", Duration.ofMinutes(30));
    paddle.put(
        "txn_01stale",
        PaddleFixtures.transaction(
            "txn_01stale",
            "completed",
            4_200,
            "TWD",
            PaddleFixtures.donationData(2, 1, 0),
            now.minus(Duration.ofMinutes(15))));
    Instant renewedEnd = now.plus(Duration.ofDays(29));
    membership("sub_01renewed", now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(31)));
    paddle.put(
        "sub_01renewed",
        PaddleFixtures.subscription(
            "sub_01renewed", "active", 2, 1, renewedEnd, null, now.minus(Duration.ofDays(1))));
    Instant endedAt = now.minus(Duration.ofHours(2));
    membership("sub_01ended", endedAt, now.minus(Duration.ofDays(30)));
    paddle.put(
        "sub_01ended",
        PaddleFixtures.subscription("sub_01ended", "canceled", 2, 1, null, null, endedAt));
    membership("sub_01current", now.plus(Duration.ofDays(3)), now.minus(Duration.ofDays(27)));
    var access = new JdbiChannelAccess(infra.database(), CLOCK);

    job.run();

    assertThat(
            Sql.text(
                env,
                "SELECT CONCAT(status, ' ', amount) FROM donations WHERE paddle_transaction_id = 'txn_01stale'"))
        .isEqualTo("paid 4200");
    assertThat(
            Sql.text(
                env, "SELECT status FROM donations WHERE paddle_transaction_id = 'txn_01fresh'"))
        .isEqualTo("pending");
    assertThat(
            Sql.text(
                env, "SELECT status FROM donations WHERE paddle_transaction_id = 'txn_01lost'"))
        .as("unknown to Paddle")
        .isEqualTo("pending");
    assertThat(
            Sql.text(
                env,
                "SELECT CONCAT(status, ' ', current_period_end) FROM memberships WHERE paddle_subscription_id = 'sub_01renewed'"))
        .isEqualTo("active " + at(renewedEnd).replace("'", ""));
    assertThat(
            Sql.text(
                env,
                "SELECT CONCAT(status, ' ', current_period_end) FROM memberships WHERE paddle_subscription_id = 'sub_01ended'"))
        .as("canceled; the stored period end kept")
        .isEqualTo("canceled " + at(endedAt).replace("'", ""));
    assertThat(paddle.requests.stream().map(FakePaddle.Request::path))
        .containsExactlyInAnyOrder(
            "/transactions/txn_01stale",
            "/transactions/txn_01lost",
            "/subscriptions/sub_01renewed",
            "/subscriptions/sub_01ended");
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM outbox WHERE subject = 'fenz.monetization.donation_paid'"))
        .isEqualTo(1);
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM outbox WHERE subject = 'fenz.monetization.membership_ending'"))
        .isEqualTo(1);

    int before = paddle.requests.size();
    job.run();
    assertThat(paddle.requests.size() - before)
        .as("only the tip Paddle does not know is read again")
        .isEqualTo(1);
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM outbox WHERE subject = 'fenz.monetization.donation_paid'"))
        .isEqualTo(1);
  }
}
