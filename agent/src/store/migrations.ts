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
  // 3: the cycle state as rows (facts of the diff baseline, last verdicts), written as deltas each cycle
  // instead of two whole JSON blobs in kv; the blobs of an older version move over, so the timeline goes on.
  `
  CREATE TABLE facts (key TEXT PRIMARY KEY, body TEXT NOT NULL);
  CREATE TABLE verdicts (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, key));
  INSERT INTO facts (key, body)
    SELECT j.key, j.value FROM kv, json_each(kv.value) AS j WHERE kv.key = 'diff.baseline';
  INSERT INTO kv (key, value) SELECT 'facts.baseline', 'true' FROM kv WHERE key = 'diff.baseline';
  INSERT OR REPLACE INTO verdicts (kind, key, body)
    SELECT 'service', COALESCE(json_extract(j.value, '$.account'), '') || '|' ||
      COALESCE(json_extract(j.value, '$.region'), '') || '|' || json_extract(j.value, '$.name'), j.value
    FROM kv, json_each(kv.value, '$.services') AS j WHERE kv.key = 'scan.last';
  INSERT OR REPLACE INTO verdicts (kind, key, body)
    SELECT 'target', json_extract(j.value, '$.targetGroupArn') || '|' || json_extract(j.value, '$.id') || '|' ||
      COALESCE(json_extract(j.value, '$.port'), ''), j.value
    FROM kv, json_each(kv.value, '$.targets') AS j WHERE kv.key = 'scan.last';
  DELETE FROM kv WHERE key IN ('diff.baseline', 'scan.last');
  `,
];
