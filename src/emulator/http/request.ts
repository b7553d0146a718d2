import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { MethodError } from '../errors.js';

/**
 * Largest API request body the emulator reads. Slack publishes no limit; DynamoDB takes
 * batch writes up to 16 MB, which is what a bulkPut of 25 items near the 400 KB item limit
 * needs. Larger bodies are runaway clients. Code uploads, which are bigger, get their own limit.
 */
export const MAX_API_BODY_BYTES = 16 * 1024 * 1024;

/** An API call as handlers see it: parameters merged from query and body, token from either place. */
export interface ParsedRequest {
  /** The Slack method from `/api/<method>`. */
  method: string;
  httpMethod: string;
  params: Record<string, unknown>;
  /** From `Authorization: Bearer`, else (forms and query strings only) the `token` parameter. */
  token: string | undefined;
  headers: IncomingHttpHeaders;
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; tooLarge: true };

/**
 * Reads the body up to `limit` bytes. Past it, nothing more is buffered: the rest is read
 * and dropped so the client finishes sending and can read the error on the same connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { ok: false, tooLarge: true } : { ok: true, body: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and drops a request body, so the client finishes sending and reads the answer. */
export async function drainBody(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) {
    // dropped
  }
}

/** The body encodings Slack accepts; anything else is `invalid_post_type`. */
export type BodyType = 'json' | 'form' | 'multipart';

/**
 * The encoding a Content-Type names. Slack takes JSON, form and multipart bodies, and reads
 * text/plain as a form (curl -d and most form encoders); a missing type is a form too.
 * Throws MethodError(invalid_post_type) for any other type.
 */
export function bodyTypeOf(contentType: string | undefined): BodyType {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return 'json';
  if (type === 'multipart/form-data') return 'multipart';
  if (type === 'application/x-www-form-urlencoded' || type === '' || type === 'text/plain') return 'form';
  throw new MethodError('invalid_post_type');
}

/** Decodes a body by its content type. Throws MethodError(invalid_post_type | invalid_json | invalid_form_data). */
export async function parseBody(body: Buffer, contentType: string | undefined): Promise<Record<string, unknown>> {
  const type = bodyTypeOf(contentType);
  if (body.length === 0) return {};
  if (type === 'json') return parseJson(body);
  if (type === 'multipart') return parseMultipart(body, contentType as string);
  return parseForm(body);
}

function parseJson(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch {
    throw new MethodError('invalid_json');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MethodError('invalid_json');
  return value as Record<string, unknown>;
}

/** Stricter than URLSearchParams, which silently keeps broken escapes: Slack refuses them. */
export function parseForm(body: Buffer | string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  try {
    const text = typeof body === 'string' ? body : utf8.decode(body);
    for (const pair of text.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = decode(eq < 0 ? pair : pair.slice(0, eq));
      out[key] = eq < 0 ? '' : decode(pair.slice(eq + 1));
    }
  } catch {
    throw new MethodError('invalid_form_data');
  }
  return out;
}

const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

async function parseMultipart(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
  try {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const out: Record<string, unknown> = {};
    // File parts stay Blobs: the families that take uploads read them; the rest ignore them.
    for (const [key, value] of form.entries()) out[key] = value;
    return out;
  } catch {
    throw new MethodError('invalid_form_data');
  }
}

/**
 * The token a call carries: the Authorization header, else a `token` parameter. Slack reads
 * that parameter from forms and query strings only: a JSON body's `token` field is ignored.
 */
export function tokenOf(headers: IncomingHttpHeaders, params: Record<string, unknown>, type: BodyType): string | undefined {
  const auth = headers.authorization;
  const bearer = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] : undefined;
  if (bearer) return bearer;
  if (type === 'json') return undefined;
  return typeof params.token === 'string' && params.token !== '' ? params.token : undefined;
}

/** A string parameter, or undefined when absent or empty. */
export function stringParam(req: ParsedRequest, name: string): string | undefined {
  const v = req.params[name];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Slack booleans: `true`/`1` in forms and query strings, true/1 in JSON. */
export function boolParam(req: ParsedRequest, name: string): boolean {
  const v = req.params[name];
  return v === true || v === 1 || v === 'true' || v === '1';
}

/**
 * An object or array parameter: a JSON body carries it as is, a form body as a JSON string.
 * Undefined when absent; MethodError(invalid_arguments) when it does not decode.
 */
export function jsonParam(req: ParsedRequest, name: string): unknown {
  const v = req.params[name];
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    throw new MethodError('invalid_arguments');
  }
}
