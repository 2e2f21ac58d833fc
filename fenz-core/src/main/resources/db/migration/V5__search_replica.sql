-- In-memory search index (issue #6, docs/search.md): each HTTP process keeps a Lucene copy of the listed
-- videos and catches up from MySQL every second. changed_at is maintained by the database on every row
-- change (edits, publish, views flushed by the worker, raw SQL alike), so "what changed since T" is one
-- range scan of ix_videos_changed, whichever process or tool made the change.
ALTER TABLE videos
  ADD COLUMN changed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3);
CREATE INDEX ix_videos_changed ON videos (changed_at);
