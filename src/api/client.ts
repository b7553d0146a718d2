import { ApiContractError, ApiError } from '../errors/api-error.js';
import { encodeForm, encodeQuery } from './encode.js';
import { methods, type MethodName, type MethodSpec, type RequestOf, type ResponseOf } from './methods.js';
import { parseRetryAfter } from './retry-policy.js';
import { Envelope } from './schemas/envelope.js';
import { send, type HttpRequest, type TransportOptions } from './transport.js';

/**
 * Where the token comes from. `refresh` is offered the token that Slack refused and
 * returns a fresh one, or undefined when the token cannot be refreshed.
 */
export interface TokenProvider {
  token(): Promise<string>;
  refresh?(refused: string): Promise<string | undefined>;
}

export interface SlackApiOptions extends TransportOptions {
  /** Origin of the API host: `https://slack.com`. */
  baseUrl: string;
  tokens?: TokenProvider | undefined;
  onWarning?: ((method: string, warning: string) => void) | undefined;
  /**
   * Gives a failed call's error what only the owner of the token knows: where the token
   * came from, and the complete command that logs in to this host again.
   */
  explain?: ((e: unknown) => Promise<unknown>) | undefined;
}

export interface CallOptions {
  /** Use this token instead of the provider's (login with --token, revoking a given token). */
  token?: string | undefined;
  /** Told before the transport resends this call: the HTTP status, or undefined for a network failure. */
  onRetry?: ((status: number | undefined) => void) | undefined;
}

const REFRESHABLE = new Set(['token_expired', 'invalid_auth']);

/**
 * The HTTP request for one call in its contract shape (§1.2): form POST with keys sorted
 * and the token as a `token` field (or none), JSON POST with a Bearer header, or GET with
 * a query string and a Bearer header.
 */
export function buildRequest(
  baseUrl: string,
  method: string,
  spec: Pick<MethodSpec, 'shape' | 'auth' | 'idempotent' | 'secretBody'>,
  params: Record<string, unknown>,
  token: string | undefined,
): HttpRequest {
  const url = `${baseUrl}/api/${method}`;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  let target = url;
  if (spec.shape === 'form') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = encodeForm(spec.auth === 'field' && token ? { ...params, token } : params);
  } else {
    if (token && spec.auth !== 'none') headers.authorization = `Bearer ${token}`;
    headers['content-type'] = 'application/json; charset=utf-8';
    if (spec.shape === 'json') body = JSON.stringify(params);
    else {
      const query = encodeQuery(params);
      target = query ? `${url}?${query}` : url;
    }
  }
  return {
    method: spec.shape === 'get' ? 'GET' : 'POST',
    url: target,
    headers,
    body,
    label: method,
    idempotent: spec.idempotent,
    secret: spec.secretBody === true,
  };
}

export class SlackApi {
  constructor(private readonly o: SlackApiOptions) {}

  get baseUrl(): string {
    return this.o.baseUrl;
  }

  async call<M extends MethodName>(method: M, params: RequestOf<M>, opts: CallOptions = {}): Promise<ResponseOf<M>> {
    if (!this.o.explain) return this.callOnce(method, params, opts);
    try {
      return await this.callOnce(method, params, opts);
    } catch (e) {
      throw await this.o.explain(e);
    }
  }

  private async callOnce<M extends MethodName>(method: M, params: RequestOf<M>, opts: CallOptions): Promise<ResponseOf<M>> {
    const spec = methods[method];
    const explicit = opts.token;
    const token = spec.auth === 'none' ? undefined : (explicit ?? (await this.requireProvider().token()));
    try {
      return await this.once(method, params, token, opts);
    } catch (e) {
      const provider = this.o.tokens;
      if (!(e instanceof ApiError) || !REFRESHABLE.has(e.slackError) || explicit !== undefined || !token || !provider?.refresh) throw e;
      const fresh = await provider.refresh(token);
      if (!fresh) throw e;
      return this.once(method, params, fresh, opts);
    }
  }

  private requireProvider(): TokenProvider {
    if (!this.o.tokens) throw new Error('SlackApi was built without a token provider');
    return this.o.tokens;
  }

  private async once<M extends MethodName>(method: M, params: RequestOf<M>, token: string | undefined, opts: CallOptions): Promise<ResponseOf<M>> {
    const req = buildRequest(this.o.baseUrl, method, methods[method], params as Record<string, unknown>, token);
    const onRetry = opts.onRetry;
    if (onRetry) req.onRetry = (outcome) => onRetry(outcome.kind === 'status' ? outcome.status : undefined);
    const res = await send(this.o, req);
    return this.decode(method, res.status, res.text, res.headers.get('retry-after'));
  }

  private decode<M extends MethodName>(method: M, status: number, text: string, retryAfterHeader: string | null): ResponseOf<M> {
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(retryAfterHeader, this.o.clock.now()) : undefined;
    const retryAfter = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      if (status !== 200) throw statusError(method, status, retryAfter);
      throw new ApiContractError(method, 'the body is not JSON', e);
    }
    const env = Envelope.safeParse(json);
    if (!env.success) {
      if (status !== 200) throw statusError(method, status, retryAfter);
      throw new ApiContractError(method, describeIssues(env.error.issues), env.error);
    }
    for (const w of [env.data.warning, ...(env.data.response_metadata?.warnings ?? [])]) if (w) this.o.onWarning?.(method, w);
    if (!env.data.ok) {
      throw new ApiError({
        method,
        error: env.data.error || (status === 429 ? 'ratelimited' : 'unknown_error'),
        status,
        description: env.data.slack_cli_error_description,
        details: env.data.errors,
        messages: env.data.response_metadata?.messages,
        retryAfter,
        body: json,
      });
    }
    if (status !== 200) throw statusError(method, status, retryAfter);
    const spec: MethodSpec = methods[method];
    // A listing's page is used as parsed; the schema is asked only for what is wrong with it.
    if (spec.valid?.(json)) return json as ResponseOf<M>;
    const parsed = spec.response.safeParse(json);
    if (!parsed.success) throw new ApiContractError(method, describeIssues(parsed.error.issues), parsed.error);
    return parsed.data as ResponseOf<M>;
  }
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

function statusError(method: string, status: number, retryAfter: number | undefined): ApiError {
  if (status === 429) return new ApiError({ method, error: 'ratelimited', status, retryAfter, description: 'Slack is still rate limiting this call' });
  return new ApiError({ method, error: 'http_request_failed', status, description: `Unexpected HTTP status ${status}` });
}
