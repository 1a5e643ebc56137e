-- Accounts, library, uploads with their state machine history, S3 event dedup and analysis results.

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Bearer tokens are stored hashed: a database leak does not leak live sessions.
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE albums (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX albums_user ON albums (user_id, created_at);

CREATE TABLE recordings (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  album_id   uuid REFERENCES albums (id) ON DELETE SET NULL,
  title      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recordings_user ON recordings (user_id, created_at);

CREATE TABLE uploads (
  id             uuid PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  recording_id   uuid REFERENCES recordings (id) ON DELETE SET NULL,
  bucket         text NOT NULL,
  object_key     text NOT NULL,
  file_name      text NOT NULL,
  content_type   text NOT NULL,
  size_bytes     bigint NOT NULL CHECK (size_bytes > 0),
  state          text NOT NULL CHECK (state IN ('REQUESTED', 'UPLOADED', 'VALIDATING', 'VALIDATED', 'QUEUED',
                   'ANALYZING', 'ANALYZED', 'RECOMMENDING', 'COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED')),
  version        integer NOT NULL DEFAULT 1,
  failure_stage  text,
  failure_reason text,
  -- When the presigned request stops working: REQUESTED past this (plus grace) is EXPIRED.
  url_expires_at timestamptz NOT NULL,
  object_etag    text,
  object_size    bigint,
  redrives       integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uploads_object UNIQUE (bucket, object_key),
  CONSTRAINT uploads_failure CHECK ((state IN ('REJECTED', 'FAILED', 'EXPIRED')) = (failure_stage IS NOT NULL))
);
CREATE INDEX uploads_user ON uploads (user_id, created_at DESC);
-- The reconciler's scan: only live uploads, oldest update first.
CREATE INDEX uploads_live ON uploads (updated_at)
  WHERE state NOT IN ('COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED');

-- One row per transition: "where did this file fail?" is one query.
CREATE TABLE upload_history (
  upload_id  uuid NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  from_state text,
  state      text NOT NULL,
  actor      text NOT NULL,
  detail     text,
  at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (upload_id, version)
);

-- S3 delivers at least once: a (bucket, key, sequencer) seen before is a duplicate.
CREATE TABLE s3_events_seen (
  bucket      text NOT NULL,
  object_key  text NOT NULL,
  sequencer   text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bucket, object_key, sequencer)
);

-- Keyed by upload: a re-run writes nothing new. The analysis lands at ANALYZED, recommendations at COMPLETED.
CREATE TABLE results (
  upload_id       uuid PRIMARY KEY REFERENCES uploads (id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  analysis        jsonb NOT NULL,
  recommendations jsonb,
  created_at      timestamptz NOT NULL DEFAULT now()
);
