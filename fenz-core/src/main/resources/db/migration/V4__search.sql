-- Search (issue #6): listing and filter indexes for GET /search. Text matching uses the FULLTEXT index
-- ft_videos_search (V1) over search_tokens; see docs/search.md for the queries and their plans.

-- Total views as a stored column, so sort=views and minViews can use an index.
ALTER TABLE videos
  ADD COLUMN views_total BIGINT AS (views_member + views_non_member) STORED;

-- Covering indexes for searches without text: walk published videos newest-first (or most-viewed-first)
-- and test every filter inside the index; only the page's rows are read from the table. id is listed
-- right after the sort columns so that "ORDER BY ..., id DESC" (the stable tie-break) is index order.
CREATE INDEX ix_videos_search_newest
  ON videos (is_published, published_at, id, category_id, duration_s, access_tier, views_total, channel_id);
CREATE INDEX ix_videos_search_views
  ON videos (is_published, views_total, published_at, id, category_id, duration_s, access_tier, channel_id);
