-- Bytes each user stored through uploads per UTC day, for the daily upload quota (FENZ_UPLOAD_BYTES_PER_DAY).
-- Kept apart from uploads, whose rows go once a video uses them.
CREATE TABLE upload_bytes_daily (
  user_id BIGINT NOT NULL,
  utc_day DATE   NOT NULL,
  bytes   BIGINT NOT NULL,
  PRIMARY KEY (user_id, utc_day),
  CONSTRAINT fk_upload_bytes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
