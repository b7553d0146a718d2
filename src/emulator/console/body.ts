import type { IncomingMessage } from 'node:http';
import { readBody } from '../http/index.js';
import { ConsoleError } from './reply.js';

/** A console write's JSON body, at most `maxBytes`. */
export async function readJson(req: IncomingMessage, maxBytes = 1024 * 1024): Promise<unknown> {
  const body = await readBody(req, maxBytes);
  if (!body.ok) throw new ConsoleError(413, 'too_large', `The request body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(body.body.toString('utf8')) as unknown;
  } catch (e) {
    throw new ConsoleError(400, 'invalid_json', `The request body is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
