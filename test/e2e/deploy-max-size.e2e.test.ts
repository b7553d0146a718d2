import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRosi, sampleApp, tempHome } from '../helpers/e2e.js';

let home: string;
let app: string;
let cleanup: () => void;

beforeAll(() => {
  ({ home, cleanup } = tempHome());
  app = sampleApp(home, 'app');
});
afterAll(() => cleanup?.());

describe('rosi deploy --max-size', () => {
  it('a package over the limit fails saying how big it is and what is largest; that size as the limit passes', async () => {
    const r = await runRosi(['deploy', '--max-size', '1KB'], { home, cwd: app, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    const m = /✗ The app package is [\d.]+ KB \((\d+) bytes\), larger than the 1.00 KB limit \(bundle_too_large\)/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(r.stderr).toMatch(/ {2}- [\d.]+ (B|KB) {2}functions\/\S+\.js \(before compression\)/);
    const size = m![1]!;
    expect(r.stderr).toContain(`raise the limit with --max-size ${size}.`);

    const fits = await runRosi(['deploy', '--dry-run', '--json', '--max-size', size], { home, cwd: app, timeoutMs: 60_000 });
    expect(fits.code, fits.stderr).toBe(0);
    expect((JSON.parse(fits.stdout) as { bundle_size: number }).bundle_size).toBe(Number(size));
  }, 90_000);
});
