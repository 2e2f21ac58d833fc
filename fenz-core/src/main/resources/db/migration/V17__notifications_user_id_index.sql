-- A user's notifications in id order: the bell's newest-first list, a live stream's start (the newest id and
-- the newest few at or below a position) and its catch-ups. ix_notifications_user_unread puts is_read
-- between user_id and id, so those orderings sorted every row of the user.
CREATE INDEX ix_notifications_user_id ON notifications (user_id, id);
