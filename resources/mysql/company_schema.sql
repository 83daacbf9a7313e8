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

-- The planning system's tables (AIMEE v2.0). Optional: a company without them syncs the
-- rest, and the answers that need them say which is missing. Dates are local calendar dates.
CREATE TABLE IF NOT EXISTS attendance_records (
  attendance_id     BIGINT PRIMARY KEY AUTO_INCREMENT,
  operator_id       INT NOT NULL,
  attendance_date   DATE NOT NULL,
  attendance_status ENUM('scheduled', 'present', 'absent', 'paid_leave', 'late') NOT NULL,
  planned_start     DATETIME NULL,
  planned_end       DATETIME NULL,
  actual_start      DATETIME NULL,
  actual_end        DATETIME NULL,
  updated_at        DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY attendance_day (operator_id, attendance_date),
  KEY attendance_sync (updated_at, attendance_id)
) DEFAULT CHARSET = utf8mb4;

-- Who works what on a day. Genba writes an approved plan here (assigned_by 'genba', plan_id
-- the plan's id): the unique key makes a re-delivery after an outage a no-op.
CREATE TABLE IF NOT EXISTS daily_assignments (
  assignment_id   BIGINT PRIMARY KEY AUTO_INCREMENT,
  assignment_date DATE NOT NULL,
  operator_id     INT NOT NULL,
  location_name   VARCHAR(50) NOT NULL,
  process_name    VARCHAR(100) NOT NULL,
  business_id     VARCHAR(10) NULL,
  start_time      DATETIME NOT NULL,
  end_time        DATETIME NOT NULL,
  assigned_by     ENUM('genba', 'manual') NOT NULL DEFAULT 'manual',
  plan_id         VARCHAR(64) NULL,
  updated_at      DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY assignment_of_plan (plan_id, operator_id, start_time),
  KEY assignments_sync (updated_at, assignment_id)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS arrivals (
  arrival_id    BIGINT PRIMARY KEY AUTO_INCREMENT,
  arrival_date  DATE NOT NULL,
  location_name VARCHAR(50) NOT NULL,
  business_id   VARCHAR(10) NOT NULL,
  process_name  VARCHAR(100) NOT NULL,
  items         INT NOT NULL,
  updated_at    DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY arrival_day (arrival_date, location_name, business_id, process_name),
  KEY arrivals_sync (updated_at, arrival_id)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS workload_forecasts (
  forecast_id    BIGINT PRIMARY KEY AUTO_INCREMENT,
  forecast_date  DATE NOT NULL,
  location_name  VARCHAR(50) NOT NULL,
  business_id    VARCHAR(10) NOT NULL,
  process_name   VARCHAR(100) NOT NULL,
  forecast_items DECIMAL(12, 2) NOT NULL,
  updated_at     DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  KEY workload_forecasts_sync (updated_at, forecast_id)
) DEFAULT CHARSET = utf8mb4;
