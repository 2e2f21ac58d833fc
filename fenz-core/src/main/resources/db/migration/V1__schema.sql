-- FenzVideo data model (ARCHITECTURE.md §4). Runs on MariaDB 10.11+ and MySQL 8.
-- Money is integer minor units + ISO currency; times are UTC DATETIME(3).

CREATE TABLE users (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  email         VARCHAR(254) NOT NULL,
  password_hash VARCHAR(100) NOT NULL,
  display_name  VARCHAR(50)  NOT NULL,
  role          VARCHAR(10)  NOT NULL DEFAULT 'USER',
  is_hidden     BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at    DATETIME(3)  NOT NULL,
  updated_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_email (email),
  KEY ix_users_role_hidden (role, is_hidden),
  CONSTRAINT ck_users_role CHECK (role IN ('USER', 'ADMIN'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per issued refresh token; rotation keeps a family so reuse of a revoked
-- token can revoke every token descended from the same login.
CREATE TABLE refresh_tokens (
  id          BIGINT      NOT NULL AUTO_INCREMENT,
  user_id     BIGINT      NOT NULL,
  family_id   CHAR(36)    NOT NULL,
  token_hash  CHAR(64)    NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  expires_at  DATETIME(3) NOT NULL,
  revoked_at  DATETIME(3) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_refresh_tokens_hash (token_hash),
  KEY ix_refresh_tokens_family (family_id),
  KEY ix_refresh_tokens_user (user_id),
  KEY ix_refresh_tokens_expires (expires_at),
  CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE channels (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  user_id          BIGINT        NOT NULL,
  name             VARCHAR(100)  NOT NULL,
  description      VARCHAR(2000) NOT NULL DEFAULT '',
  membership_price BIGINT        NULL,
  currency         CHAR(3)       NULL,
  paddle_price_id  VARCHAR(64)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_channels_user (user_id),
  CONSTRAINT fk_channels_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT ck_channels_price CHECK (membership_price IS NULL OR membership_price > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
  id      BIGINT      NOT NULL AUTO_INCREMENT,
  slug    VARCHAR(50) NOT NULL,
  name_zh VARCHAR(50) NOT NULL,
  name_en VARCHAR(50) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_categories_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tags (
  id      BIGINT      NOT NULL AUTO_INCREMENT,
  slug    VARCHAR(50) NOT NULL,
  name_zh VARCHAR(50) NOT NULL,
  name_en VARCHAR(50) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_tags_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A viewer's chosen tags: a user (user_id) or a guest (session_id), never both.
CREATE TABLE user_tag_preferences (
  id         BIGINT      NOT NULL AUTO_INCREMENT,
  user_id    BIGINT      NULL,
  session_id CHAR(36)    NULL,
  tag_id     BIGINT      NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_prefs_user_tag (user_id, tag_id),
  UNIQUE KEY uq_prefs_session_tag (session_id, tag_id),
  KEY ix_prefs_tag (tag_id),
  CONSTRAINT fk_prefs_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_prefs_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE,
  CONSTRAINT ck_prefs_owner CHECK ((user_id IS NULL) <> (session_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- access_tier: 0 public, 1 free subscribers, 2 paid members.
CREATE TABLE videos (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  channel_id       BIGINT        NOT NULL,
  category_id      BIGINT        NULL,
  title            VARCHAR(200)  NOT NULL,
  description      TEXT          NOT NULL,
  duration_s       INT           NOT NULL DEFAULT 0,
  access_tier      TINYINT       NOT NULL DEFAULT 0,
  is_published     BOOLEAN       NOT NULL DEFAULT FALSE,
  video_key        VARCHAR(255)  NOT NULL,
  thumbnail_key    VARCHAR(255)  NULL,
  views_member     BIGINT        NOT NULL DEFAULT 0,
  views_non_member BIGINT        NOT NULL DEFAULT 0,
  published_at     DATETIME(3)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  search_tokens    MEDIUMTEXT    NOT NULL,
  PRIMARY KEY (id),
  KEY ix_videos_channel (channel_id, is_published, published_at),
  KEY ix_videos_feed (is_published, access_tier, published_at),
  KEY ix_videos_category (category_id),
  FULLTEXT KEY ft_videos_search (search_tokens),
  CONSTRAINT fk_videos_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_videos_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE SET NULL,
  CONSTRAINT ck_videos_tier CHECK (access_tier IN (0, 1, 2)),
  CONSTRAINT ck_videos_duration CHECK (duration_s >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE video_tags (
  video_id BIGINT NOT NULL,
  tag_id   BIGINT NOT NULL,
  PRIMARY KEY (video_id, tag_id),
  KEY ix_video_tags_tag (tag_id, video_id),
  CONSTRAINT fk_video_tags_video FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE,
  CONSTRAINT fk_video_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Upload keys handed out by POST /upload/*, owned by the uploader until a video uses them.
CREATE TABLE uploads (
  object_key   VARCHAR(255) NOT NULL,
  user_id      BIGINT       NOT NULL,
  kind         VARCHAR(10)  NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  size_bytes   BIGINT       NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  PRIMARY KEY (object_key),
  KEY ix_uploads_user (user_id),
  KEY ix_uploads_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- viewer: 'u:{userId}' or 's:{sessionId}'; user_id kept for per-user history.
CREATE TABLE view_records (
  id        BIGINT      NOT NULL AUTO_INCREMENT,
  viewer    VARCHAR(40) NOT NULL,
  user_id   BIGINT      NULL,
  video_id  BIGINT      NOT NULL,
  is_member BOOLEAN     NOT NULL DEFAULT FALSE,
  viewed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_view_records_video (video_id, viewed_at),
  KEY ix_view_records_user (user_id, viewed_at),
  CONSTRAINT fk_view_records_video FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE,
  CONSTRAINT fk_view_records_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Batches of buffered view counts already applied, so a replayed batch is not counted twice.
CREATE TABLE view_flush_batches (
  batch_id   VARCHAR(64) NOT NULL,
  applied_at DATETIME(3) NOT NULL,
  PRIMARY KEY (batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE channel_subscriptions (
  user_id    BIGINT      NOT NULL,
  channel_id BIGINT      NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, channel_id),
  KEY ix_channel_subscriptions_channel (channel_id, created_at),
  CONSTRAINT fk_subscriptions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_subscriptions_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Paid memberships; state changes only from Paddle webhooks, never older over newer.
CREATE TABLE memberships (
  id                     BIGINT      NOT NULL AUTO_INCREMENT,
  user_id                BIGINT      NOT NULL,
  channel_id             BIGINT      NOT NULL,
  paddle_subscription_id VARCHAR(64) NOT NULL,
  status                 VARCHAR(20) NOT NULL,
  current_period_end     DATETIME(3) NULL,
  cancel_at              DATETIME(3) NULL,
  updated_from_event_at  DATETIME(3) NOT NULL,
  created_at             DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_memberships_paddle (paddle_subscription_id),
  KEY ix_memberships_user_channel (user_id, channel_id),
  KEY ix_memberships_channel (channel_id, status),
  CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_memberships_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Donations keep their money record when a video is deleted (video_id SET NULL);
-- from_user_id is nullable so a deleted sender's payments still count for the creator.
CREATE TABLE donations (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  from_user_id          BIGINT        NULL,
  to_channel_id         BIGINT        NOT NULL,
  video_id              BIGINT        NULL,
  amount                BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL,
  message               VARCHAR(500)  NOT NULL DEFAULT '',
  status                VARCHAR(10)   NOT NULL DEFAULT 'pending',
  paddle_transaction_id VARCHAR(64)   NOT NULL,
  created_at            DATETIME(3)   NOT NULL,
  updated_at            DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_donations_paddle (paddle_transaction_id),
  KEY ix_donations_from (from_user_id, created_at),
  KEY ix_donations_to (to_channel_id, status, created_at),
  CONSTRAINT fk_donations_from FOREIGN KEY (from_user_id) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT fk_donations_to FOREIGN KEY (to_channel_id) REFERENCES channels (id) ON DELETE CASCADE,
  CONSTRAINT fk_donations_video FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE SET NULL,
  CONSTRAINT ck_donations_amount CHECK (amount > 0),
  CONSTRAINT ck_donations_status CHECK (status IN ('pending', 'paid', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Webhook deliveries already processed (dedupe on Paddle's event id).
CREATE TABLE payment_events (
  event_id    VARCHAR(64) NOT NULL,
  event_type  VARCHAR(64) NOT NULL,
  occurred_at DATETIME(3) NOT NULL,
  received_at DATETIME(3) NOT NULL,
  PRIMARY KEY (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notifications (
  id         BIGINT      NOT NULL AUTO_INCREMENT,
  user_id    BIGINT      NOT NULL,
  kind       VARCHAR(40) NOT NULL,
  video_id   BIGINT      NULL,
  event_id   VARCHAR(64) NOT NULL,
  is_read    BOOLEAN     NOT NULL DEFAULT FALSE,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_notifications_user_event (user_id, event_id),
  KEY ix_notifications_user_unread (user_id, is_read, id),
  CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_notifications_video FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Transactional outbox: written in the same transaction as the change, relayed to NATS.
CREATE TABLE outbox (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  event_id     CHAR(36)     NOT NULL,
  subject      VARCHAR(100) NOT NULL,
  payload      TEXT         NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  published_at DATETIME(3)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_outbox_event (event_id),
  KEY ix_outbox_pending (published_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
