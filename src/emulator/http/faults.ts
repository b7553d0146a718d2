import { parseDuration } from '../../lib/duration.js';
import { EmulatorError } from '../errors.js';

/** Groups of methods a fault can target; `upload` is the S3-style upload host. */
export const FAULT_FAMILIES = ['auth', 'apps', 'hosting', 'upload', 'datastore', 'activities'] as const;
export type FaultFamily = (typeof FAULT_FAMILIES)[number];

export type FaultKind = '429' | '503' | '500' | 'drop' | 'latency';

export interface FaultRule {
  /** Undefined: every family. */
  family: FaultFamily | undefined;
  kind: FaultKind;
  /** Share of matching requests, 0 < share ≤ 1. */
  share: number;
  /** Retry-After seconds for 429 and 503, added delay in ms for latency. */
  arg: number;
}

/** What to do to one request; at most one failure, plus any latency. */
export interface FaultDecision {
  delayMs: number;
  fail?: { kind: '429' | '503' | '500' | 'drop'; retryAfterSeconds: number };
}

const RULE = /^(?:([a-z]+):)?(429|503|500|drop|latency)(?:=([^@]+))?(?:@(.+))?$/;

/** Parses a `--faults` spec; an empty spec means none. */
export function parseFaults(spec: string): FaultRule[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseRule);
}

function parseRule(text: string): FaultRule {
  const m = RULE.exec(text);
  if (!m) throw invalid(text, 'expected [family:]kind[=arg][@share], e.g. datastore:429@20%');
  const [, family, kind, arg, share] = m as unknown as [string, string | undefined, FaultKind, string | undefined, string | undefined];
  if (family !== undefined && !(FAULT_FAMILIES as readonly string[]).includes(family)) {
    throw invalid(text, `unknown family "${family}"; use one of ${FAULT_FAMILIES.join(', ')}`);
  }
  return { family: family as FaultFamily | undefined, kind, share: parseShare(text, share), arg: parseArg(text, kind, arg) };
}

function parseShare(rule: string, text: string | undefined): number {
  if (text === undefined) return 1;
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text);
  const share = percent ? n / 100 : n;
  if (!Number.isFinite(share) || share <= 0 || share > 1) throw invalid(rule, `share "${text}" must be in (0, 1] or (0%, 100%]`);
  return share;
}

function parseArg(rule: string, kind: FaultKind, text: string | undefined): number {
  if (kind === 'latency') {
    const ms = text === undefined ? undefined : parseDuration(/^\d+$/.test(text) ? `${text}ms` : text);
    if (ms === undefined) throw invalid(rule, 'latency needs a duration, e.g. latency=200ms');
    return ms;
  }
  if (text === undefined) return kind === '429' ? 1 : 0;
  if (kind === '500' || kind === 'drop') throw invalid(rule, `${kind} takes no value`);
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 0) throw invalid(rule, `Retry-After "${text}" must be whole seconds`);
  return seconds;
}

function invalid(rule: string, why: string): EmulatorError {
  return new EmulatorError('invalid_faults', `Invalid --faults rule "${rule}": ${why}`, {
    kind: 'usage',
    hint: 'See `rosi emulator start --help` for the --faults syntax.',
  });
}

/** The family a Slack method belongs to, for targeting faults. */
export function familyOf(method: string): FaultFamily {
  if (method.startsWith('apps.datastore.')) return 'datastore';
  if (method.startsWith('apps.activities.')) return 'activities';
  if (method === 'apps.hosted.generatePresignedPost' || method === 'apps.hosted.upload') return 'hosting';
  // Variables are settings of an app, as manifests are.
  if (method.startsWith('apps.hosted.variables.')) return 'apps';
  if (method.startsWith('auth.') || method.startsWith('tooling.tokens.') || method.startsWith('apps.hosted.')) return 'auth';
  return 'apps';
}

/**
 * Decides request by request. Each rule keeps a running credit: a share of 0.25 adds
 * 0.25 per matching request and fires when the credit reaches 1, so over any run the
 * count of faults is exact and a test can predict them without a random seed.
 */
export class FaultInjector {
  private credits: number[];

  constructor(private readonly rules: readonly FaultRule[]) {
    this.credits = rules.map(() => 0);
  }

  get active(): boolean {
    return this.rules.length > 0;
  }

  decide(family: FaultFamily): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    this.rules.forEach((rule, i) => {
      if (rule.family !== undefined && rule.family !== family) return;
      const credit = (this.credits[i] as number) + rule.share;
      // Rounding would make 3 × (1/3) fall just short of 1.
      const fire = credit >= 1 - 1e-9;
      this.credits[i] = fire ? credit - 1 : credit;
      if (!fire) return;
      if (rule.kind === 'latency') decision.delayMs += rule.arg;
      else decision.fail ??= { kind: rule.kind, retryAfterSeconds: rule.arg };
    });
    return decision;
  }
}
