// Numbered schema migrations. Append only: never edit a shipped one; PRAGMA user_version records the last applied.
export const MIGRATIONS: readonly string[] = [
  // 1: cycles, timeline events, findings lifecycle, alert deliveries, alert state, key/value state
  `
  CREATE TABLE cycles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    duration_ms REAL NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT,
    source TEXT NOT NULL,
    services INTEGER NOT NULL,
    open_findings INTEGER NOT NULL,
    events INTEGER NOT NULL
  );
  CREATE INDEX cycles_started_at ON cycles(started_at);

  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id INTEGER,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    service TEXT,
    resources TEXT NOT NULL,
    message TEXT NOT NULL,
    likely_cause TEXT
  );
  CREATE INDEX events_at ON events(at);
  CREATE INDEX events_service ON events(service, id);

  CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    service TEXT,
    status TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    resolved_at TEXT,
    streak INTEGER NOT NULL,
    missed INTEGER NOT NULL,
    likely_cause TEXT,
    body TEXT NOT NULL
  );
  CREATE INDEX findings_status ON findings(status);

  CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    finding_id TEXT NOT NULL,
    sink TEXT NOT NULL,
    action TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    ok INTEGER NOT NULL,
    status_code INTEGER,
    error TEXT
  );
  CREATE INDEX alert_deliveries_finding ON alert_deliveries(finding_id);

  CREATE TABLE alert_state (
    finding_id TEXT NOT NULL,
    sink TEXT NOT NULL,
    fired_at TEXT NOT NULL,
    last_sent_at TEXT NOT NULL,
    resolved_at TEXT,
    PRIMARY KEY (finding_id, sink)
  );

  CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 2: alert groups (findings that share a blocking component or a cause go out as one notification)
  `
  ALTER TABLE alert_state ADD COLUMN members TEXT;
  ALTER TABLE alert_deliveries ADD COLUMN finding_ids TEXT;
  CREATE TABLE alert_groups (
    finding_id TEXT PRIMARY KEY,
    group_key TEXT NOT NULL,
    joined_at TEXT NOT NULL
  );
  CREATE INDEX alert_groups_key ON alert_groups(group_key);
  `,
];
