-- The canonical company schema Genba reads and writes (see the README). Real companies differ:
-- every table is read through a configurable SELECT (see README "Connecting to MySQL").
-- Used by the tests to create their MariaDB database; also a reference for DBAs.

CREATE TABLE IF NOT EXISTS locations (
  location_id   INT PRIMARY KEY,
  location_name VARCHAR(50) NOT NULL UNIQUE
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS operators (
  operator_id   INT PRIMARY KEY,
  operator_name VARCHAR(100) NOT NULL,
  location_name VARCHAR(50) NOT NULL,
  is_valid      TINYINT(1) NOT NULL DEFAULT 1,
  updated_at    DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  KEY operators_sync (updated_at, operator_id)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS operator_process_capabilities (
  capability_id     INT PRIMARY KEY,
  operator_id       INT NOT NULL,
  process_name      VARCHAR(100) NOT NULL,
  skill_level       TINYINT NOT NULL,
  experience_months INT NOT NULL,
  average_speed     DECIMAL(8, 2) NOT NULL,
  updated_at        DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  KEY capabilities_sync (updated_at, capability_id)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS progress_snapshots (
  snapshot_id              BIGINT PRIMARY KEY AUTO_INCREMENT,
  snapshot_time            DATETIME NOT NULL,
  location_name            VARCHAR(50) NOT NULL,
  business_id              VARCHAR(10) NOT NULL,
  process_name             VARCHAR(100) NOT NULL,
  expected_completion_time DATETIME NULL,
  total_waiting            INT NOT NULL,
  entry_count              INT NOT NULL,
  correction_waiting       INT NOT NULL DEFAULT 0
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS app_logs (
  log_id   BIGINT PRIMARY KEY AUTO_INCREMENT,
  ts       DATETIME(3) NOT NULL,
  service  VARCHAR(64) NOT NULL,
  host     VARCHAR(64) NOT NULL,
  level    VARCHAR(10) NOT NULL,
  message  TEXT NOT NULL,
  trace_id VARCHAR(64) NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS approval_history (
  approval_history_id BIGINT PRIMARY KEY AUTO_INCREMENT,
  suggestion_id       VARCHAR(64) NOT NULL UNIQUE,
  changes             JSON NOT NULL,
  impact              JSON NOT NULL,
  action_type         ENUM('approved', 'rejected', 'modified') NOT NULL,
  action_user         VARCHAR(100) NOT NULL,
  feedback_reason     TEXT NULL,
  execution_status    ENUM('pending', 'executing', 'completed', 'failed') NOT NULL DEFAULT 'pending',
  created_at          DATETIME(3) NOT NULL
) DEFAULT CHARSET = utf8mb4;
