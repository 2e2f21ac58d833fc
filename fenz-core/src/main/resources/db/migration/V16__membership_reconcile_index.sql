-- The payment reconciliation's overdue memberships (every minute): status IN ('active', 'trialing', 'past_due', 'paused')
-- AND current_period_end < now AND updated_from_event_at < current_period_end ORDER BY current_period_end LIMIT 50.
-- On ix_memberships_period_end alone it read every membership whose period ever ended, the canceled ones included
-- (100k rows, 100-160 ms with 200k memberships): it grew with the history. Status first limits the range to
-- live memberships whose period has ended; updated_from_event_at is checked inside the index.
CREATE INDEX ix_memberships_reconcile ON memberships (status, current_period_end, updated_from_event_at);
