import { http, HttpResponse, type JsonBodyType } from 'msw';
import { methods, type MethodName } from '../../src/api/methods.js';

export const API = 'https://slack.test';

export interface RecordedCall {
  method: string;
  httpMethod: string;
  headers: Record<string, string>;
  /** Decoded parameters (form fields, JSON body or query). */
  params: Record<string, unknown>;
  rawBody: string;
  url: string;
}

let log: RecordedCall[] = [];
export const calls = (method?: string) => (method ? log.filter((c) => c.method === method) : log);
export const resetCalls = () => void (log = []);

type Resolver = (params: Record<string, unknown>, call: RecordedCall) => JsonBodyType | Response | Promise<JsonBodyType | Response>;

/**
 * Handles `<API>/api/<method>`: decodes the body, checks it against the request schema
 * (minus the token), records the call, and wraps a plain return value in {ok:true}.
 */
export function slackMethod(name: MethodName, resolve: Resolver = () => ({}), base = API) {
  return http.all(`${base}/api/${name}`, async ({ request }) => {
    const url = new URL(request.url);
    const rawBody = request.method === 'GET' ? '' : await request.text();
    const type = request.headers.get('content-type') ?? '';
    let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    if (type.includes('application/json') && rawBody) params = JSON.parse(rawBody) as Record<string, unknown>;
    else if (type.includes('x-www-form-urlencoded')) params = Object.fromEntries(new URLSearchParams(rawBody));
    const call: RecordedCall = { method: name, httpMethod: request.method, headers: Object.fromEntries(request.headers), params, rawBody, url: request.url };
    log.push(call);
    const { token: _token, ...rest } = params;
    const check = methods[name].request.safeParse(rest);
    if (!check.success) throw new Error(`${name} request does not match its schema: ${check.error.message}`);
    const out = await resolve(params, call);
    if (out instanceof Response) return out;
    return HttpResponse.json({ ok: true, ...(out as object) });
  });
}

export function slackError(name: MethodName, error: string, extra: Record<string, unknown> = {}, base = API) {
  return slackMethod(name, () => HttpResponse.json({ ok: false, error, ...extra }), base);
}

export function rateLimited(retryAfter: string | null, status = 429) {
  const headers: Record<string, string> = retryAfter === null ? {} : { 'retry-after': retryAfter };
  return HttpResponse.json({ ok: false, error: 'ratelimited' }, { status, headers });
}

type Answer = (params: Record<string, unknown>, call: RecordedCall) => JsonBodyType | Response | Promise<JsonBodyType | Response>;

/**
 * A resolver that answers the n-th call with the n-th answer; the last one repeats.
 * Answers are functions because a Response can be sent only once:
 * `slackMethod('auth.test', inSequence(() => rateLimited('2'), () => ({ team_id: 'T1', user_id: 'U1' })))`.
 */
export function inSequence(...answers: Answer[]): Resolver {
  if (answers.length === 0) throw new Error('inSequence needs at least one answer');
  let n = 0;
  return (params, call) => (answers[Math.min(n++, answers.length - 1)] as Answer)(params, call);
}

/** An HTTP status with a body that is not a Slack envelope (a proxy's or load balancer's page). */
export function httpStatus(status: number, body = `<html>${status}</html>`, headers: Record<string, string> = {}) {
  return new HttpResponse(body, { status, headers: { 'content-type': 'text/html', ...headers } });
}
