-- Payments (docs/payments.md): refunds, per-entity event ordering for donations, the facts the
-- creator dashboard groups by day, and a daily rollup of view counts filled by the view flush.

ALTER TABLE donations DROP CONSTRAINT ck_donations_status;
ALTER TABLE donations
  ADD CONSTRAINT ck_donations_status CHECK (status IN ('pending', 'paid', 'failed', 'refunded')),
  ADD COLUMN paid_at DATETIME(3) NULL,
  ADD COLUMN updated_from_event_at DATETIME(3) NULL,
  ADD KEY ix_donations_to_paid (to_channel_id, paid_at),
  ADD KEY ix_donations_video (video_id, status),
  ADD KEY ix_donations_pending (status, created_at);

-- activated_at: when the membership first gave access (new members per day; member_joined sent once).
ALTER TABLE memberships
  ADD COLUMN activated_at DATETIME(3) NULL,
  ADD KEY ix_memberships_channel_activated (channel_id, activated_at),
  ADD KEY ix_memberships_period_end (current_period_end);

-- Member / non-member views per video per UTC day, added by the same transaction that applies a view batch.
CREATE TABLE video_daily_views (
  video_id         BIGINT NOT NULL,
  day              DATE   NOT NULL,
  views_member     BIGINT NOT NULL DEFAULT 0,
  views_non_member BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (video_id, day),
  CONSTRAINT fk_video_daily_views_video FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
