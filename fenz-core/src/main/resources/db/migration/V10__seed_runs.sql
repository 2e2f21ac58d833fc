-- What `fenz seed` has written (issue #18), so a second run changes nothing and a database holding
-- other data is told apart from one holding only the demo set.
CREATE TABLE seed_runs (
  name         VARCHAR(40)  NOT NULL,
  detail       VARCHAR(500) NOT NULL,
  completed_at DATETIME(3)  NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
