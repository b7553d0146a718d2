import { lookup } from './catalog.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

export interface SlackErrorDetail {
  code?: string | undefined;
  message?: string | undefined;
  pointer?: string | undefined;
  remediation?: string | undefined;
}

export interface ApiErrorInit {
  method: string;
  error: string;
  status?: number | undefined;
  description?: string | undefined;
  details?: SlackErrorDetail[] | undefined;
  /** `response_metadata.messages`: Slack's own explanation of invalid arguments. */
  messages?: string[] | undefined;
  /** Seconds Slack asked to wait (Retry-After), when it did. */
  retryAfter?: number | undefined;
  /** The whole response body, for callers that need more (e.g. failed_items). */
  body?: unknown;
  cause?: unknown;
  /** In place of the catalogue's hint, when the caller knows the fix better. */
  hint?: string | undefined;
}

/** `ok:false` from a Slack method. The message always names the Slack code and the method. */
export class ApiError extends CliError {
  readonly method: string;
  readonly slackError: string;
  readonly status: number | undefined;
  readonly retryAfter: number | undefined;
  readonly body: unknown;

  constructor(init: ApiErrorInit) {
    const entry = lookup(init.error);
    const text = init.description || entry?.message || 'The request failed';
    const waited = init.retryAfter === undefined ? undefined : `Slack asked to wait ${init.retryAfter} s before retrying; try again after that.`;
    super(init.error, text, entry?.auth ? ExitCode.auth : ExitCode.failed, {
      hint: waited ?? init.hint ?? entry?.hint,
      cause: init.cause,
      details: [...(init.details ?? []).map(formatDetail), ...(init.messages ?? [])],
    });
    this.method = init.method;
    this.slackError = init.error;
    this.status = init.status;
    this.retryAfter = init.retryAfter;
    this.body = init.body;
  }
}

function formatDetail(d: SlackErrorDetail): string {
  const head = [d.message ?? '', d.code ? `(${d.code})` : ''].filter(Boolean).join(' ');
  const where = d.pointer ? ` at ${d.pointer}` : '';
  const fix = d.remediation ? ` — ${d.remediation}` : '';
  return `${head}${where}${fix}`;
}

/** The response did not have the shape the contract promises. */
export class ApiContractError extends CliError {
  readonly method: string;
  constructor(method: string, problem: string, cause?: unknown) {
    super('http_response_invalid', `Unexpected response from ${method}: ${problem}`, ExitCode.failed, {
      hint: 'The API host may not be a Slack API, or it changed. Re-run with --verbose to see the response.',
      cause,
    });
    this.method = method;
  }
}
