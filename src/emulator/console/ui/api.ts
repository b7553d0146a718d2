/** A console endpoint's problem answer (`reply.ts` on the server): what was wrong and how to fix it. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly details?: string[],
  ) {
    super(message);
  }
}

const BASE = '/__console/api/';

/** The same-origin token the shell page carries; every write sends it back (`guard.ts`). */
function token(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="rosi-console-token"]')?.content ?? '';
}

/** A path under the console's API with its query; `undefined` and `''` values are left out. */
export function apiPath(path: string, query: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `${BASE}${path}${s === '' ? '' : `?${s}`}`;
}

export async function getJson<T>(path: string, query: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
  return answer<T>(await fetch(apiPath(path, query), { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) }));
}

/** A write: JSON (or a JSON Lines string with `ndjson`) with the same-origin token. */
export async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, o: { ndjson?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-rosi-console-token': token() };
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = o.ndjson ? 'application/x-ndjson' : 'application/json';
    payload = o.ndjson ? String(body) : JSON.stringify(body);
  }
  return answer<T>(await fetch(apiPath(path), { method, headers, ...(payload === undefined ? {} : { body: payload }) }));
}

async function answer<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiProblem(res.status, 'invalid_answer', `The emulator answered ${res.status} with something that is not JSON.`);
  }
  if (res.ok) return body as T;
  const p = (body ?? {}) as { error?: string; message?: string; hint?: string; details?: string[] };
  throw new ApiProblem(res.status, p.error ?? 'failed', p.message ?? `The emulator answered ${res.status}.`, p.hint, p.details);
}
