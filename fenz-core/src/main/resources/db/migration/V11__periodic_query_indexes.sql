-- The worker's thumbnail query (every 30 s): thumbnail_key IS NULL AND media_attempts < 3 ORDER BY id LIMIT 20.
-- Without this it scanned the table whenever few rows match (the normal case): over 40 s at 1M videos.
-- Equality on the NULL prefix, then id order, media_attempts checked inside the index: it stops at the 20th match.
CREATE INDEX ix_videos_thumbnail_todo ON videos (thumbnail_key(1), id, media_attempts);
