// Alert group membership: which open finding goes out in which group's notifications.
import type { Db } from './db.ts';

export interface GroupMembership {
  findingId: string;
  groupKey: string;
  joinedAt: string;
}

interface Row {
  finding_id: string;
  group_key: string;
  joined_at: string;
}

export class AlertGroupRepo {
  private readonly allStmt;
  private readonly joinStmt;
  private readonly leaveStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare('SELECT * FROM alert_groups ORDER BY joined_at, finding_id');
    this.joinStmt = db.prepare(
      `INSERT INTO alert_groups (finding_id, group_key, joined_at) VALUES (?, ?, ?)
       ON CONFLICT(finding_id) DO UPDATE SET group_key = excluded.group_key, joined_at = excluded.joined_at`,
    );
    this.leaveStmt = db.prepare('DELETE FROM alert_groups WHERE finding_id = ?');
  }

  all(): GroupMembership[] {
    return (this.allStmt.all() as Row[]).map((r) => ({
      findingId: r.finding_id,
      groupKey: r.group_key,
      joinedAt: r.joined_at,
    }));
  }

  join(findingId: string, groupKey: string, at: string): void {
    this.joinStmt.run(findingId, groupKey, at);
  }

  leave(findingId: string): void {
    this.leaveStmt.run(findingId);
  }
}
