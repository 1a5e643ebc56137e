-- A deleted upload's presigned PUT keeps working until it expires: its key is kept so an object it re-creates
-- is removed (by the bridge when the event arrives, by the reconciler in any case), then forgotten.
CREATE TABLE deleted_uploads (
  upload_id      uuid PRIMARY KEY,
  bucket         text NOT NULL,
  object_key     text NOT NULL,
  url_expires_at timestamptz NOT NULL,
  deleted_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deleted_uploads_object ON deleted_uploads (bucket, object_key);
CREATE INDEX deleted_uploads_expiry ON deleted_uploads (url_expires_at);

-- Set once a multipart upload's stored parts are known dropped: the reconciler sweeps EXPIRED ones without it.
ALTER TABLE uploads ADD COLUMN parts_dropped_at timestamptz;
CREATE INDEX uploads_parts_pending ON uploads (updated_at)
  WHERE state = 'EXPIRED' AND multipart_upload_id IS NOT NULL AND parts_dropped_at IS NULL;
