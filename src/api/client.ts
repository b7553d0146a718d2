import { ApiContractError, ApiError } from '../errors/api-error.js';
import { encodeForm, encodeQuery } from './encode.js';
import { methods, type MethodName, type RequestOf, type ResponseOf } from './methods.js';
import { Envelope } from './schemas/envelope.js';
import { send, type TransportOptions } from './transport.js';

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
}

export interface CallOptions {
  /** Use this token instead of the provider's (login with --token, revoking a given token). */
  token?: string | undefined;
}

const REFRESHABLE = new Set(['token_expired', 'invalid_auth']);

export class SlackApi {
  constructor(private readonly o: SlackApiOptions) {}

  get baseUrl(): string {
    return this.o.baseUrl;
  }

  async call<M extends MethodName>(method: M, params: RequestOf<M>, opts: CallOptions = {}): Promise<ResponseOf<M>> {
    const spec = methods[method];
    const explicit = opts.token;
    const token = spec.auth === 'none' ? undefined : (explicit ?? (await this.requireProvider().token()));
    try {
      return await this.once(method, params, token);
    } catch (e) {
      const provider = this.o.tokens;
      if (!(e instanceof ApiError) || !REFRESHABLE.has(e.slackError) || explicit || !token || !provider?.refresh) throw e;
      const fresh = await provider.refresh(token);
      if (!fresh) throw e;
      return this.once(method, params, fresh);
    }
  }

  private requireProvider(): TokenProvider {
    if (!this.o.tokens) throw new Error('SlackApi was built without a token provider');
    return this.o.tokens;
  }

  private async once<M extends MethodName>(method: M, params: RequestOf<M>, token: string | undefined): Promise<ResponseOf<M>> {
    const spec = methods[method];
    const url = `${this.o.baseUrl}/api/${method}`;
    const headers: Record<string, string> = {};
    let body: string | undefined;
    let target = url;
    const fields = params as Record<string, unknown>;
    if (spec.shape === 'form') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = encodeForm(spec.auth === 'field' && token ? { ...fields, token } : fields);
    } else {
      if (token) headers.authorization = `Bearer ${token}`;
      headers['content-type'] = 'application/json; charset=utf-8';
      if (spec.shape === 'json') body = JSON.stringify(params);
      else target = `${url}?${encodeQuery(fields)}`;
    }
    const res = await send(this.o, {
      method: spec.shape === 'get' ? 'GET' : 'POST',
      url: target,
      headers,
      body,
      label: method,
      idempotent: spec.idempotent,
      secret: spec.secretBody === true,
    });
    return this.decode(method, res.status, res.text, res.headers.get('retry-after'));
  }

  private decode<M extends MethodName>(method: M, status: number, text: string, retryAfter: string | null): ResponseOf<M> {
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
      throw new ApiContractError(method, 'the body has no boolean "ok" field');
    }
    for (const w of [env.data.warning, ...(env.data.response_metadata?.warnings ?? [])]) if (w) this.o.onWarning?.(method, w);
    if (!env.data.ok) {
      throw new ApiError({
        method,
        error: env.data.error || (status === 429 ? 'ratelimited' : 'unknown_error'),
        status,
        description: env.data.slack_cli_error_description,
        details: env.data.errors,
        body: json,
      });
    }
    if (status !== 200) throw statusError(method, status, retryAfter);
    const parsed = methods[method].response.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new ApiContractError(method, where, parsed.error);
    }
    return parsed.data as ResponseOf<M>;
  }
}

function statusError(method: string, status: number, retryAfter: string | null): ApiError {
  if (status === 429) {
    return new ApiError({ method, error: 'ratelimited', status, description: `Still rate limited after retrying${retryAfter ? ` (Retry-After: ${retryAfter})` : ''}` });
  }
  return new ApiError({ method, error: 'http_request_failed', status, description: `Unexpected HTTP status ${status}` });
}
