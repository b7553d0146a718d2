import { ApiError } from '../errors/api-error.js';
import { CancelledError, CliError, NetworkError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { isLoopbackHost } from '../lib/loopback.js';
import { causeMessage } from './network-failure.js';

export interface WebhookOptions {
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
  userAgent: string;
  timeoutMs: number;
  log?: ((line: string) => void) | undefined;
}

/** What a webhook trigger answers a call it took: Slack documents `{"ok": true}` and nothing else. */
export type WebhookAnswer = Record<string, unknown> & { ok: true };

/** How a log names a webhook URL: its last segment is the secret that lets anyone trip the trigger. */
export const webhookLabel = (url: URL) => `${url.host}${url.pathname.replace(/\/[^/]*$/, '/…')}`;

/**
 * POSTs `body` as JSON to a webhook trigger's URL (runtime contract §1.5). No Slack token goes with it: the URL
 * is all a webhook needs, and it is another host than the API's. Sent once, never retried: every call that
 * arrives starts a workflow, and a lost answer may follow a call that did. Plain http only on loopback.
 *
 * @throws ApiError for an `{ok:false, error}` answer (the trigger is gone, inputs the body cannot fill), CliError
 * for any other answer, NetworkError when nothing answered.
 */
export async function postToWebhook(webhookUrl: string, body: Record<string, unknown>, o: WebhookOptions): Promise<WebhookAnswer> {
  const url = checkTarget(webhookUrl);
  const label = webhookLabel(url);
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(), o.timeoutMs);
  o.log?.(`→ POST ${label}`);
  try {
    const res = await o.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': o.userAgent },
      body: JSON.stringify(body),
      signal: controller.signal,
      redirect: 'error',
    });
    const text = await res.text();
    o.log?.(`← ${res.status} ${label} ${text.slice(0, 300)}`);
    return answerOf(res.status, text, label);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (o.signal.aborted) throw new CancelledError();
    const why = controller.signal.aborted
      ? `no answer in ${o.timeoutMs / 1000} s`
      : [e instanceof Error ? e.message : String(e), causeMessage(e)].filter(Boolean).join(': ');
    throw new NetworkError(`Calling the webhook at ${url.host} failed: ${why}`, {
      cause: e,
      hint: 'The workflow may or may not have started: check with `rosi activity` before calling it again.',
    });
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onAbort);
  }
}

function answerOf(status: number, text: string, label: string): WebhookAnswer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const answer = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (status === 200 && answer?.ok === true) return answer as WebhookAnswer;
  if (answer?.ok === false && typeof answer.error === 'string') {
    // The emulator lists a refusal's reasons as strings; Slack's API envelope has objects.
    const errors = Array.isArray(answer.errors) ? answer.errors : [];
    const details = errors.map((e) =>
      typeof e === 'string' ? { message: e } : typeof e === 'object' && e !== null ? (e as { message?: string }) : { message: String(e) },
    );
    throw new ApiError({ method: 'the webhook', error: answer.error, status, details, body: answer });
  }
  throw new CliError('webhook_failed', `The webhook at ${label} answered HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`, ExitCode.failed, {
    hint: 'Whether the workflow started is not known: check `rosi activity` before calling the webhook again.',
  });
}

function checkTarget(webhookUrl: string): URL {
  let u: URL;
  try {
    u = new URL(webhookUrl);
  } catch {
    // Not quoted: the URL holds the secret that lets anyone trip the trigger.
    throw new CliError('invalid_webhook_url', "The trigger's webhook_url is not a URL", ExitCode.failed);
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname))) return u;
  throw new CliError(
    'insecure_webhook_url',
    `Refusing to call a webhook over ${u.protocol}// at ${u.host}: only https, or http on this machine`,
    ExitCode.failed,
  );
}
