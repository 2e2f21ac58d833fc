package io.fenz.seed;

import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.identity.domain.AccountRules;
import io.fenz.platform.db.Utc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes the demo set in one transaction: accounts with channels, videos with tags, and 90 days of
 * activity (subscriptions, memberships, tips, views, new-video notifications, viewers' tag picks).
 * The activity comes from a fixed random seed, so two fresh databases get the same story.
 */
final class DemoWriter {
  static final Duration HISTORY = Duration.ofDays(90);
  private static final String[] TIP_MESSAGES = {
    "加油！",
    "謝謝你的影片，每集都有看",
    "請你喝杯咖啡 ☕",
    "超喜歡這集",
    "期待下一支影片",
    "Thanks for the great content!",
    "學到好多，感謝分享",
    "從台南來支持",
    "下次可以拍續集嗎？",
    ""
  };
  private static final long[] TIP_AMOUNTS = {3000, 5000, 10000, 20000, 50000};

  /** Object keys of one demo video (its own copies; see {@link DemoMedia}). */
  record Keys(String video, String thumbnail, int seconds) {}

  private record Account(long userId, long channelId, Instant since) {}

  private record Placed(long id, long channelId, Instant publishedAt, int tier, double appeal) {}

  private final Handle h;
  private final Instant now;
  private final Random random = new Random(18);

  DemoWriter(Handle handle, Instant now) {
    this.h = handle;
    this.now = now;
  }

  static Keys keysOf(int videoNumber, DemoMedia.Clip clip) {
    String thumbnail =
        clip.thumbnailKeys().isEmpty() ? null : DemoMedia.PREFIX + "thumbs/" + videoNumber + ".jpg";
    return new Keys(DemoMedia.PREFIX + "videos/" + videoNumber + ".mp4", thumbnail, clip.seconds());
  }

  DemoSeeder.Written write(DemoDataset data, List<Keys> keys, String passwordHash) {
    addTags(data.tags());
    Map<String, Long> tagIds = ids("SELECT slug, id FROM tags");
    Map<String, Long> categoryIds = ids("SELECT slug, id FROM categories");
    Map<String, Account> creators = new LinkedHashMap<>();
    for (DemoDataset.Creator c : data.creators()) {
      creators.put(
          c.handle(),
          account(
              c.email(),
              c.displayName(),
              passwordHash,
              c.channelDescription(),
              c.membershipPrice(),
              100 + random.nextInt(60)));
    }
    List<Account> viewers = new ArrayList<>();
    for (DemoDataset.Viewer v : data.viewers()) {
      viewers.add(
          account(v.email(), v.displayName(), passwordHash, "", 0, 20 + random.nextInt(70)));
    }
    Map<String, String> categoryOf = new HashMap<>();
    data.creators().forEach(c -> categoryOf.put(c.handle(), c.categorySlug()));
    List<Placed> videos = new ArrayList<>();
    PreparedBatch videoTags =
        h.prepareBatch("INSERT INTO video_tags (video_id, tag_id) VALUES (?, ?)");
    for (int i = 0; i < data.videos().size(); i++) {
      DemoDataset.DemoVideo v = data.videos().get(i);
      Account owner = creators.get(v.creatorHandle());
      Instant published =
          now.minus(Duration.ofMinutes(30 + random.nextLong(HISTORY.toMinutes() - 60)));
      Keys k = keys.get(i);
      long id =
          h.createUpdate(
                  """
              INSERT INTO videos (channel_id, category_id, title, description, duration_s, access_tier, is_published, video_key,
                                  thumbnail_key, published_at, created_at, updated_at, search_tokens)
              VALUES (:channel, :category, :title, :description, :duration, :tier, TRUE, :video, :thumb, :published, :created, :published, :tokens)""")
              .bind("channel", owner.channelId())
              .bind("category", categoryIds.get(categoryOf.get(v.creatorHandle())))
              .bind("title", v.title())
              .bind("description", v.description())
              .bind("duration", k.seconds())
              .bind("tier", v.accessTier())
              .bind("video", k.video())
              .bind("thumb", k.thumbnail())
              .bind("published", Utc.toDb(published))
              .bind("created", Utc.toDb(published.minus(Duration.ofHours(2))))
              .bind("tokens", SearchTokenizer.indexText(v.title(), v.description()))
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
      for (String slug : v.tagSlugs()) {
        videoTags.add(id, tagIds.get(slug));
      }
      // A few videos catch on; most get a modest audience (a long tail, like real channels).
      videos.add(
          new Placed(
              id,
              owner.channelId(),
              published,
              v.accessTier(),
              Math.pow(random.nextDouble(), 3) * 60 + 2));
    }
    videoTags.execute();
    Activity activity = new Activity(creators, viewers, videos, data);
    return new DemoSeeder.Written(
        creators.size() + viewers.size(),
        videos.size(),
        activity.subscriptions,
        activity.memberships,
        activity.donations,
        activity.views,
        activity.notifications);
  }

  private void addTags(List<DemoDataset.NewTag> tags) {
    Set<String> existing = new HashSet<>(ids("SELECT slug, id FROM tags").keySet());
    PreparedBatch batch =
        h.prepareBatch("INSERT INTO tags (slug, name_zh, name_en) VALUES (?, ?, ?)");
    tags.stream()
        .filter(t -> !existing.contains(t.slug()))
        .forEach(t -> batch.add(t.slug(), t.nameZh(), t.nameEn()));
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  private Map<String, Long> ids(String select) {
    Map<String, Long> ids = new HashMap<>();
    h.createQuery(select)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> ids.put(e.getKey(), e.getValue()));
    return ids;
  }

  private Account account(
      String email, String name, String hash, String description, long price, int daysAgo) {
    Instant since =
        now.minus(Duration.ofDays(daysAgo)).minus(Duration.ofMinutes(random.nextInt(1440)));
    long userId =
        h.createUpdate(
                """
            INSERT INTO users (email, email_canonical, password_hash, display_name, role, is_hidden,
                               created_at, updated_at)
            VALUES (?, ?, ?, ?, 'USER', FALSE, ?, ?)""")
            .bind(0, email)
            .bind(1, AccountRules.canonicalEmail(email))
            .bind(2, hash)
            .bind(3, name)
            .bind(4, Utc.toDb(since))
            .bind(5, Utc.toDb(since))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    long channelId =
        h.createUpdate(
                """
            INSERT INTO channels (user_id, name, description, membership_price, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)""")
            .bind(0, userId)
            .bind(1, name)
            .bind(2, description)
            .bind(3, price == 0 ? null : price)
            .bind(4, price == 0 ? null : DemoDataset.CURRENCY)
            .bind(5, Utc.toDb(since))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return new Account(userId, channelId, since);
  }

  private Instant between(Instant from, Instant to) {
    long span = Math.max(1, Duration.between(from, to).toSeconds());
    return from.plusSeconds(random.nextLong(span));
  }

  /** Who follows, pays and watches whom; written in batches. */
  private final class Activity {
    int subscriptions;
    int memberships;
    int donations;
    int views;
    int notifications;

    Activity(
        Map<String, Account> creators,
        List<Account> viewers,
        List<Placed> videos,
        DemoDataset data) {
      Map<Long, Long> priceOfChannel = new HashMap<>();
      data.creators()
          .forEach(
              c -> priceOfChannel.put(creators.get(c.handle()).channelId(), c.membershipPrice()));
      List<Account> channels = List.copyOf(creators.values());
      Map<Long, Set<Long>> followed = new HashMap<>();
      Map<Long, Set<Long>> member = new HashMap<>();
      Map<String, Instant> followedSince = new HashMap<>();
      PreparedBatch subs =
          h.prepareBatch(
              "INSERT INTO channel_subscriptions (user_id, channel_id, created_at) VALUES (?, ?, ?)");
      PreparedBatch joins =
          h.prepareBatch(
              """
          INSERT INTO memberships (user_id, channel_id, paddle_subscription_id, status, current_period_end, cancel_at,
                                   updated_from_event_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
      List<Account> everyone = new ArrayList<>(viewers);
      everyone.addAll(channels.subList(0, channels.size() / 2));
      for (Account fan : everyone) {
        Set<Long> mine = followed.computeIfAbsent(fan.userId(), k -> new HashSet<>());
        int wanted = 3 + random.nextInt(10);
        while (mine.size() < wanted) {
          Account channel =
              channels.get((int) (Math.pow(random.nextDouble(), 1.6) * channels.size()));
          if (channel.userId() == fan.userId() || !mine.add(channel.channelId())) {
            continue;
          }
          Instant since =
              between(later(fan.since(), channel.since()), now.minus(Duration.ofHours(1)));
          followedSince.put(fan.userId() + ":" + channel.channelId(), since);
          subs.add(fan.userId(), channel.channelId(), Utc.toDb(since));
          long price = priceOfChannel.get(channel.channelId());
          if (price > 0 && random.nextInt(3) == 0) {
            member.computeIfAbsent(fan.userId(), k -> new HashSet<>()).add(channel.channelId());
            boolean canceled = random.nextInt(6) == 0;
            Instant periodEnd = now.plus(Duration.ofDays(1 + random.nextInt(29)));
            joins.add(
                fan.userId(),
                channel.channelId(),
                "seed_sub_" + fan.userId() + "_" + channel.channelId(),
                canceled ? "canceled" : "active",
                Utc.toDb(periodEnd),
                canceled ? Utc.toDb(periodEnd) : null,
                Utc.toDb(since),
                Utc.toDb(since));
          }
        }
      }
      subscriptions = subs.size();
      memberships = joins.size();
      subs.execute();
      if (memberships > 0) {
        joins.execute();
      }
      writeViews(viewers, videos, member);
      writeTips(viewers, videos);
      writeNotifications(videos, followed, followedSince);
      writeTagPicks(viewers);
    }

    private void writeViews(
        List<Account> viewers, List<Placed> videos, Map<Long, Set<Long>> member) {
      PreparedBatch batch =
          h.prepareBatch(
              "INSERT INTO view_records (viewer, user_id, video_id, is_member, viewed_at) VALUES (?, ?, ?, ?, ?)");
      for (Placed video : videos) {
        // Fresh videos have had less time to be watched.
        double age =
            Math.min(1.0, Duration.between(video.publishedAt(), now).toHours() / (24.0 * 30));
        int count = (int) Math.round(video.appeal() * (0.3 + age) * (video.tier() == 0 ? 1 : 0.4));
        for (int i = 0; i < count; i++) {
          Instant at = between(video.publishedAt(), now);
          if (random.nextInt(10) < 4) {
            Account viewer = viewers.get(random.nextInt(viewers.size()));
            if (viewer.since().isAfter(at)) {
              continue;
            }
            boolean isMember =
                member.getOrDefault(viewer.userId(), Set.of()).contains(video.channelId());
            batch.add("u:" + viewer.userId(), viewer.userId(), video.id(), isMember, Utc.toDb(at));
          } else {
            batch.add(
                "s:" + new UUID(random.nextLong(), random.nextLong()),
                null,
                video.id(),
                false,
                Utc.toDb(at));
          }
          if (batch.size() == 2_000) {
            views += batch.size();
            batch.execute();
          }
        }
      }
      views += batch.size();
      if (batch.size() > 0) {
        batch.execute();
      }
      // Counters agree with the records, as if the worker had flushed every view.
      h.execute(
          """
          UPDATE videos v JOIN (SELECT video_id, SUM(is_member) AS m, SUM(NOT is_member) AS n FROM view_records GROUP BY video_id) r
            ON r.video_id = v.id
          SET v.views_member = r.m, v.views_non_member = r.n""");
    }

    private void writeTips(List<Account> viewers, List<Placed> videos) {
      PreparedBatch batch =
          h.prepareBatch(
              """
          INSERT INTO donations (from_user_id, to_channel_id, video_id, amount, currency, message, status, paddle_transaction_id,
                                 created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'paid', ?, ?, ?)""");
      for (int i = 0; i < 140; i++) {
        Placed video = videos.get((int) (Math.pow(random.nextDouble(), 2) * videos.size()));
        Account from = viewers.get(random.nextInt(viewers.size()));
        Instant at = between(later(video.publishedAt(), from.since()), now);
        batch.add(
            from.userId(),
            video.channelId(),
            video.id(),
            TIP_AMOUNTS[random.nextInt(TIP_AMOUNTS.length)],
            DemoDataset.CURRENCY,
            TIP_MESSAGES[random.nextInt(TIP_MESSAGES.length)],
            "seed_txn_" + (i + 1),
            Utc.toDb(at),
            Utc.toDb(at));
      }
      donations = batch.size();
      batch.execute();
    }

    /**
     * One "new video" notification per follower for each video published after they followed, in
     * the last 30 days.
     */
    private void writeNotifications(
        List<Placed> videos, Map<Long, Set<Long>> followed, Map<String, Instant> followedSince) {
      PreparedBatch batch =
          h.prepareBatch(
              """
          INSERT INTO notifications (user_id, kind, video_id, channel_id, event_id, is_read, created_at) VALUES (?, 'video_published', ?, ?, ?, ?, ?)""");
      Instant from = now.minus(Duration.ofDays(30));
      for (Placed video : videos) {
        if (video.publishedAt().isBefore(from)) {
          continue;
        }
        followed.forEach(
            (userId, channels) -> {
              Instant since = followedSince.get(userId + ":" + video.channelId());
              if (channels.contains(video.channelId()) && since.isBefore(video.publishedAt())) {
                boolean read =
                    video.publishedAt().isBefore(now.minus(Duration.ofDays(5)))
                        || random.nextBoolean();
                batch.add(
                    userId,
                    video.id(),
                    video.channelId(),
                    "seed-video-" + video.id(),
                    read,
                    Utc.toDb(video.publishedAt()));
              }
            });
      }
      notifications = batch.size();
      if (notifications > 0) {
        batch.execute();
      }
    }

    private void writeTagPicks(List<Account> viewers) {
      List<Long> tags = h.createQuery("SELECT id FROM tags ORDER BY id").mapTo(Long.class).list();
      PreparedBatch batch =
          h.prepareBatch(
              "INSERT INTO user_tag_preferences (user_id, tag_id, created_at) VALUES (?, ?, ?)");
      for (Account viewer : viewers) {
        Set<Long> picked = new HashSet<>();
        int wanted = 2 + random.nextInt(4);
        while (picked.size() < wanted) {
          long tag = tags.get(random.nextInt(tags.size()));
          if (picked.add(tag)) {
            batch.add(viewer.userId(), tag, Utc.toDb(viewer.since()));
          }
        }
      }
      batch.execute();
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
