-- The trace id the desktop (or the api) created for an upload: every service logs it, Kafka carries it.
ALTER TABLE uploads ADD COLUMN trace_id text;
