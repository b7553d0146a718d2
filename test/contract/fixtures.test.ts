import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMethodName, methods } from '../../src/api/methods.js';
import { Envelope } from '../../src/api/schemas/envelope.js';

/**
 * Every file under test/fixtures/api/<method>/<case>.json is parsed by the schemas the
 * client uses: ok:true bodies by methods[method].response, errors by the envelope. New
 * fixtures are picked up by listing the directory; there is nothing to register.
 */
const root = fileURLToPath(new URL('../fixtures/api/', import.meta.url));

interface Fixture {
  method: string;
  name: string;
  body: unknown;
}

const folders = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .sort();
const fixtures: Fixture[] = folders.flatMap((method) =>
  readdirSync(join(root, method))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ method, name: f.slice(0, -'.json'.length), body: JSON.parse(readFileSync(join(root, method, f), 'utf8')) as unknown })),
);

const issues = (e: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
  e.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');

describe('contract fixtures', () => {
  it('there are fixtures, and only .json files in method folders', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    expect(readdirSync(root).filter((d) => !statSync(join(root, d)).isDirectory())).toEqual([]);
    for (const method of folders) expect(readdirSync(join(root, method)).filter((f) => !f.endsWith('.json'))).toEqual([]);
  });

  it.each(folders)('%s is a method in the registry, with an ok fixture', (method) => {
    expect(isMethodName(method)).toBe(true);
    expect(fixtures.some((f) => f.method === method && f.name === 'ok')).toBe(true);
  });

  it.each(fixtures)('$method/$name parses', ({ method, name, body }) => {
    const env = Envelope.safeParse(body);
    if (!env.success) expect.fail(`envelope: ${issues(env.error)}`);
    if (!isMethodName(method)) return expect.fail(`${method} is not a registered method`);
    if (env.data.ok) {
      const parsed = methods[method].response.safeParse(body);
      if (!parsed.success) expect.fail(`${method} response: ${issues(parsed.error)}`);
    } else {
      // An error fixture is named after its code, so the folder reads like the catalogue.
      expect(env.data.error).toBe(name);
    }
  });

  it.each(fixtures)('$method/$name holds only obviously fake tokens', ({ body }) => {
    const tokens = JSON.stringify(body).match(/xox[a-z]?(?:\.xox[a-z])?-[A-Za-z0-9-]*/g) ?? [];
    for (const t of tokens) expect(t).toMatch(/^xox[a-z]?(?:\.xox[a-z])?-1-[a-z]+$/);
  });
});
