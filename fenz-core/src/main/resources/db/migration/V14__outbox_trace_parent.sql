-- The W3C traceparent of the span that wrote an outbox row, so its relay and consumers join that trace.
ALTER TABLE outbox ADD COLUMN trace_parent VARCHAR(55) NULL;
