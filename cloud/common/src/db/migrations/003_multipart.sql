-- Large takes arrive as S3 multipart uploads: the api keeps the S3 upload id and the part size it planned.
ALTER TABLE uploads ADD COLUMN multipart_upload_id text;
ALTER TABLE uploads ADD COLUMN part_size_bytes integer CHECK (part_size_bytes > 0);
ALTER TABLE uploads ADD CONSTRAINT uploads_multipart CHECK ((multipart_upload_id IS NULL) = (part_size_bytes IS NULL));
CREATE INDEX uploads_recording ON uploads (recording_id) WHERE recording_id IS NOT NULL;
