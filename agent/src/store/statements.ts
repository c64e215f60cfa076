// Prepared statements for queries whose SQL depends on the filters: prepared once per distinct SQL text.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
