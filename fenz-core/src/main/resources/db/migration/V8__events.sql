-- Events and notifications (issue #15, docs/events.md).

-- Search tokens are discovery's: content inserts a video without them and discovery's listener writes them
-- after commit (an expression default, which MySQL 8 needs for TEXT columns).
ALTER TABLE videos MODIFY search_tokens MEDIUMTEXT NOT NULL DEFAULT ('');

-- Fan-out walks a channel's subscribers in user-id order, in batches.
CREATE INDEX ix_channel_subscriptions_fanout ON channel_subscriptions (channel_id, user_id);
CREATE INDEX ix_memberships_fanout ON memberships (channel_id, user_id);

-- What a notification is about besides its video: the channel, the user who acted (subscriber, member,
-- donor) and kind-specific details as JSON (a donation's amount and currency, a membership's end).
ALTER TABLE notifications
  ADD COLUMN channel_id BIGINT NULL,
  ADD COLUMN actor_user_id BIGINT NULL,
  ADD COLUMN detail VARCHAR(1000) NULL;

-- Messages a consumer could not handle after its bounded redeliveries (or could never parse): parked here
-- with the last error, listed and replayed with `fenz admin dead-letters list|replay`.
CREATE TABLE dead_letters (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  consumer    VARCHAR(64)   NOT NULL,
  subject     VARCHAR(200)  NOT NULL,
  event_id    VARCHAR(64)   NULL,
  payload     MEDIUMTEXT    NOT NULL,
  error       VARCHAR(1000) NOT NULL,
  deliveries  INT           NOT NULL,
  parked_at   DATETIME(3)   NOT NULL,
  replayed_at DATETIME(3)   NULL,
  PRIMARY KEY (id),
  KEY ix_dead_letters_open (replayed_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
