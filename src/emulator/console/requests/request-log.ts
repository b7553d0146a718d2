import type { Caller } from './caller.js';

/** A Web API call as the inspector keeps it: redacted and cut to size before it got here (`record.ts`). */
export interface RecordedCall {
  /** 1, 2, …: the order calls ended in, and the keyset the listing pages by. */
  seq: number;
  /** When the call came in (the emulator's clock, ms). */
  at: number;
  method: string;
  caller: Caller;
  /** The HTTP status; 0 for a connection dropped on purpose (--faults). */
  status: number;
  ok: boolean;
  /** The Slack error code of an ok:false answer. */
  error?: string;
  duration_ms: number;
  params: unknown;
  answer: unknown;
  /** Whether params or answer were cut to fit. */
  truncated: boolean;
  /** About what keeping it costs. */
  bytes: number;
}

export type CallSummary = Omit<RecordedCall, 'params' | 'answer' | 'bytes'>;

export interface CallFilter {
  /** Part of the method's name, any case. */
  method?: string | undefined;
  /** Part of the caller's label or IDs, any case. */
  caller?: string | undefined;
  /** `ok`, `error`, or one error code. */
  status?: string | undefined;
}

export const DEFAULT_MAX_CALLS = 2000;
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The last calls, newest kept: at most `maxCalls` of them and about `maxBytes` together (each one's params and
 * answer are cut to a few KB when recorded, so neither bound alone lets memory grow). In memory only: a restart
 * starts it empty, and nothing of it is ever written to disk.
 */
export class RequestLog {
  private readonly calls: RecordedCall[] = [];
  private nextSeq = 1;
  private totalBytes = 0;

  constructor(readonly limits: { maxCalls: number; maxBytes: number } = { maxCalls: DEFAULT_MAX_CALLS, maxBytes: DEFAULT_MAX_BYTES }) {}

  get size(): number {
    return this.calls.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  add(call: Omit<RecordedCall, 'seq'>): RecordedCall {
    const kept = { seq: this.nextSeq++, ...call };
    this.calls.push(kept);
    this.totalBytes += kept.bytes;
    let drop = 0;
    let bytes = this.totalBytes;
    while (this.calls.length - drop > 1 && (this.calls.length - drop > this.limits.maxCalls || bytes > this.limits.maxBytes)) {
      bytes -= (this.calls[drop] as RecordedCall).bytes;
      drop++;
    }
    if (drop > 0) {
      this.calls.splice(0, drop);
      this.totalBytes = bytes;
    }
    return kept;
  }

  get(seq: number): RecordedCall | undefined {
    // Seqs increase along the array: a binary search finds one without a scan.
    let lo = 0;
    let hi = this.calls.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.calls[mid] as RecordedCall;
      if (c.seq === seq) return c;
      if (c.seq < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Newest first, those older than `before` (a seq) that pass the filter; `next_before` pages on. */
  list(filter: CallFilter, o: { before?: number | undefined; limit: number }): { calls: CallSummary[]; next_before: number | null } {
    const matches = matcher(filter);
    const out: CallSummary[] = [];
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const c = this.calls[i] as RecordedCall;
      if (o.before !== undefined && c.seq >= o.before) continue;
      if (!matches(c)) continue;
      if (out.length === o.limit) return { calls: out, next_before: (out.at(-1) as CallSummary).seq };
      out.push(summaryOf(c));
    }
    return { calls: out, next_before: null };
  }
}

export function summaryOf(c: RecordedCall): CallSummary {
  const { params: _p, answer: _a, bytes: _b, ...summary } = c;
  return summary;
}

function matcher(f: CallFilter): (c: RecordedCall) => boolean {
  const method = f.method?.trim().toLowerCase() || undefined;
  const caller = f.caller?.trim().toLowerCase() || undefined;
  const status = f.status?.trim() || undefined;
  return (c) => {
    if (method !== undefined && !c.method.toLowerCase().includes(method)) return false;
    if (caller !== undefined && !callerText(c.caller).includes(caller)) return false;
    if (status === 'ok') return c.ok;
    if (status === 'error') return !c.ok;
    if (status !== undefined) return c.error === status;
    return true;
  };
}

const callerText = (c: Caller) => [c.label, c.team_id, c.user_id, c.app_id, c.function_execution_id].filter(Boolean).join(' ').toLowerCase();
