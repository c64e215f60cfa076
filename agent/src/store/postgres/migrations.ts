// PostgreSQL schema for the shared (HA) store. Append only, like the SQLite migrations; schema_version records
// the last applied. Every shard-owned table carries `shard` ("<account>/<region>"): a takeover continues
// the shard's rows, and (shard, seq) keeps cycle and event numbers contiguous per shard.
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE leases (
    shard TEXT PRIMARY KEY,
    owner TEXT,
    epoch BIGINT NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity'
  );
  CREATE TABLE daemons (
    id TEXT PRIMARY KEY,
    url TEXT,
    started_at TIMESTAMPTZ NOT NULL,
    seen_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE cycles (
    id BIGSERIAL PRIMARY KEY,
    shard TEXT NOT NULL,
    seq BIGINT NOT NULL,
    daemon TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    duration_ms DOUBLE PRECISION NOT NULL,
    ok BOOLEAN NOT NULL,
    error TEXT,
    source TEXT NOT NULL,
    services INTEGER NOT NULL,
    open_findings INTEGER NOT NULL,
    events INTEGER NOT NULL,
    UNIQUE (shard, seq)
  );
  CREATE INDEX cycles_started_at ON cycles(started_at);
  CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    shard TEXT NOT NULL,
    seq BIGINT NOT NULL,
    cycle_seq BIGINT,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    service TEXT,
    resources JSONB NOT NULL,
    message TEXT NOT NULL,
    likely_cause TEXT,
    UNIQUE (shard, seq)
  );
  CREATE INDEX events_at ON events(at);
  CREATE INDEX events_service ON events(service, id);
  CREATE TABLE findings (
    shard TEXT NOT NULL,
    id TEXT NOT NULL,
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
    body JSONB NOT NULL,
    PRIMARY KEY (shard, id)
  );
  CREATE INDEX findings_status ON findings(status);
  CREATE INDEX findings_id ON findings(id);
  CREATE TABLE kv (
    shard TEXT NOT NULL,
    key TEXT NOT NULL,
    value JSONB NOT NULL,
    PRIMARY KEY (shard, key)
  );
  CREATE TABLE alert_state (
    shard TEXT NOT NULL,
    finding_id TEXT NOT NULL,
    sink TEXT NOT NULL,
    fired_at TEXT NOT NULL,
    last_sent_at TEXT NOT NULL,
    resolved_at TEXT,
    members JSONB,
    PRIMARY KEY (shard, finding_id, sink)
  );
  CREATE TABLE alert_groups (
    shard TEXT NOT NULL,
    finding_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (shard, finding_id)
  );
  CREATE TABLE alert_deliveries (
    id BIGSERIAL PRIMARY KEY,
    shard TEXT NOT NULL,
    daemon TEXT NOT NULL,
    at TEXT NOT NULL,
    finding_id TEXT NOT NULL,
    sink TEXT NOT NULL,
    action TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    ok BOOLEAN NOT NULL,
    status_code INTEGER,
    error TEXT,
    finding_ids JSONB
  );
  CREATE INDEX alert_deliveries_finding ON alert_deliveries(finding_id);
  -- The delivery record is the lock: one row per notification (group, sink, action, episode); whoever
  -- inserts it sends it. delivered_at stays NULL until the sink accepted it.
  CREATE TABLE alert_claims (
    shard TEXT NOT NULL,
    notification TEXT NOT NULL,
    daemon TEXT NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at TIMESTAMPTZ,
    PRIMARY KEY (shard, notification)
  );
  -- @socket.io/postgres-adapter: payloads too large for NOTIFY (8000 bytes) go through this table.
  CREATE TABLE socket_io_attachments (
    id BIGSERIAL UNIQUE,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    payload BYTEA
  );
  `,
  // 2: the cycle state as rows (facts of the diff baseline, last verdicts), as in SQLite migration 3: a
  // cycle writes the rows that changed instead of two whole JSON blobs in kv; older blobs move over.
  `
  CREATE TABLE facts (
    shard TEXT NOT NULL,
    key TEXT NOT NULL,
    body JSONB NOT NULL,
    PRIMARY KEY (shard, key)
  );
  CREATE TABLE verdicts (
    shard TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    body JSONB NOT NULL,
    PRIMARY KEY (shard, kind, key)
  );
  INSERT INTO facts (shard, key, body)
    SELECT kv.shard, j.key, j.value FROM kv, jsonb_each(kv.value) AS j WHERE kv.key = 'diff.baseline';
  INSERT INTO kv (shard, key, value)
    SELECT shard, 'facts.baseline', 'true'::jsonb FROM kv WHERE key = 'diff.baseline'
    ON CONFLICT (shard, key) DO NOTHING;
  INSERT INTO verdicts (shard, kind, key, body)
    SELECT kv.shard, 'service', COALESCE(j.value->>'account', '') || '|' || COALESCE(j.value->>'region', '')
      || '|' || (j.value->>'name'), j.value
    FROM kv, jsonb_array_elements(kv.value->'services') AS j WHERE kv.key = 'scan.last'
    ON CONFLICT (shard, kind, key) DO UPDATE SET body = excluded.body;
  INSERT INTO verdicts (shard, kind, key, body)
    SELECT kv.shard, 'target', (j.value->>'targetGroupArn') || '|' || (j.value->>'id') || '|'
      || COALESCE(j.value->>'port', ''), j.value
    FROM kv, jsonb_array_elements(kv.value->'targets') AS j WHERE kv.key = 'scan.last'
    ON CONFLICT (shard, kind, key) DO UPDATE SET body = excluded.body;
  DELETE FROM kv WHERE key IN ('diff.baseline', 'scan.last');
  `,
  // 3: each shard's slice for cross-shard analysis (an ALB in one account, its ip targets in a peered VPC
  // of another): the EC2 network kinds of its latest committed poll, rewritten only when its hash changes;
  // committed_at (database clock) moves with every committed cycle, so readers can tell a stopped owner.
  `
  CREATE TABLE shard_slices (
    shard TEXT PRIMARY KEY,
    polled_at TEXT NOT NULL,
    committed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    hash TEXT NOT NULL,
    encoding TEXT NOT NULL,
    body BYTEA NOT NULL
  );
  `,
];
