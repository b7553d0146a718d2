import { RosiTestingError } from './errors.js';

type Json = Record<string, unknown>;

/** The emulator's Web API and its /__emulator/ test endpoints, as a test suite calls them. */
export interface EmulatorClient {
  /** One Web API call with the token; an ok:false answer is thrown, saying the method and its error. */
  api(method: string, params: Json): Promise<Json>;
  /** GET (no body) or POST (JSON body) of a test endpoint; a refusal is thrown with what the emulator said. */
  control(path: string, body?: unknown): Promise<Json>;
}

export function emulatorClient(url: string, token: () => string): EmulatorClient {
  return {
    async api(method, params) {
      const res = await send(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token()}` },
        body: JSON.stringify(params),
      });
      const body = await jsonOf(res, method);
      if (body.ok !== true) throw new RosiTestingError('api_error', `${method} answered ${String(body.error)}${detailOf(body)}`);
      return body;
    },
    async control(path, body) {
      const res = await send(
        `${url}/__emulator/${path}`,
        body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      const answer = await jsonOf(res, `/__emulator/${path}`);
      if (!res.ok) {
        const why = String(answer.message ?? answer.error ?? `HTTP ${res.status}`);
        throw new RosiTestingError(String(answer.error ?? 'control_failed'), `/__emulator/${path.split('?')[0]} refused: ${why}${detailOf(answer)}`);
      }
      return answer;
    },
  };
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e);
    throw new RosiTestingError('emulator_unreachable', `The emulator at ${new URL(url).origin} did not answer (${cause}): was it closed?`);
  }
}

async function jsonOf(res: Response, what: string): Promise<Json> {
  const text = await res.text();
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new RosiTestingError('bad_answer', `${what} answered HTTP ${res.status} with something other than JSON: ${text.slice(0, 200)}`);
  }
}

/** The `errors` list some refusals carry, as one clause. */
function detailOf(body: Json): string {
  const errors = Array.isArray(body.errors) ? body.errors : [];
  const said = errors.map((e) => (typeof e === 'string' ? e : String((e as Json).message ?? (e as Json).code ?? ''))).filter(Boolean);
  return said.length ? ` (${said.join('; ')})` : '';
}
