import type { SqliteDatabase } from '../db/index.js';
import { hashToken } from '../ids.js';

/** A function execution's token: which app it speaks for, in which team, and the execution it belongs to. */
export interface ExecutionTokenRow {
  function_execution_id: string;
  trace_id: string;
  app_id: string;
  team_id: string;
  issued_at: number;
  revoked_at: number | null;
}

/** Execution tokens, stored as hashes: a copied database file holds no usable credential. */
export class ExecutionTokensStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(token: string, t: Omit<ExecutionTokenRow, 'revoked_at'>): void {
    this.db
      .prepare('INSERT INTO execution_tokens (token_hash, function_execution_id, trace_id, app_id, team_id, issued_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hashToken(token), t.function_execution_id, t.trace_id, t.app_id, t.team_id, t.issued_at);
  }

  get(token: string): ExecutionTokenRow | undefined {
    return this.db
      .prepare('SELECT function_execution_id, trace_id, app_id, team_id, issued_at, revoked_at FROM execution_tokens WHERE token_hash = ?')
      .get(hashToken(token)) as ExecutionTokenRow | undefined;
  }

  /** Revokes every token of the function execution. */
  revokeFor(functionExecutionId: string, now: number): void {
    this.db.prepare('UPDATE execution_tokens SET revoked_at = ? WHERE function_execution_id = ? AND revoked_at IS NULL').run(now, functionExecutionId);
  }
}
