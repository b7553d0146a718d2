import { describe, expect, it } from 'vitest';
import { FaultInjector, familyOf, parseFaults } from './faults.js';

describe('parseFaults', () => {
  it('reads families, kinds, arguments and shares', () => {
    expect(parseFaults('datastore:429@20%, hosting:drop@0.1 ,latency=50ms,auth:503=2,500')).toEqual([
      { family: 'datastore', kind: '429', share: 0.2, arg: 1 },
      { family: 'hosting', kind: 'drop', share: 0.1, arg: 0 },
      { family: undefined, kind: 'latency', share: 1, arg: 50 },
      { family: 'auth', kind: '503', share: 1, arg: 2 },
      { family: undefined, kind: '500', share: 1, arg: 0 },
    ]);
    expect(parseFaults('')).toEqual([]);
    expect(parseFaults('latency=1s@50%')).toEqual([{ family: undefined, kind: 'latency', share: 0.5, arg: 1000 }]);
  });

  it.each([
    ['datastor:429', 'unknown family "datastor"'],
    ['teapot', 'expected [family:]kind'],
    ['429@0', 'share "0" must be in'],
    ['429@150%', 'share "150%"'],
    ['latency', 'latency needs a duration'],
    ['drop=3', 'drop takes no value'],
    ['429=1.5', 'Retry-After "1.5" must be whole seconds'],
  ])('%s is a usage error: %s', (spec, message) => {
    expect(() => parseFaults(spec)).toThrow(expect.objectContaining({ code: 'invalid_faults', kind: 'usage', message: expect.stringContaining(message) }));
  });
});

describe('FaultInjector', () => {
  it('fails exactly the given share of a family, spread evenly', () => {
    const f = new FaultInjector(parseFaults('datastore:429@25%'));
    const fired = Array.from({ length: 12 }, () => f.decide('datastore').fail?.kind ?? '-');
    expect(fired.join('')).toBe('---429---429---429');
    expect(f.decide('auth')).toEqual({ delayMs: 0 });
  });

  it('a third is exact too, despite rounding', () => {
    const f = new FaultInjector(parseFaults('500@33.3333333333%'));
    expect(Array.from({ length: 9 }, () => f.decide('apps').fail).filter(Boolean)).toHaveLength(3);
  });

  it('adds latency beside a failure and keeps the first failure', () => {
    const f = new FaultInjector(parseFaults('latency=20ms,503=4,drop'));
    expect(f.decide('upload')).toEqual({ delayMs: 20, fail: { kind: '503', retryAfterSeconds: 4 } });
  });

  it('maps methods to families', () => {
    expect(
      [
        'apps.datastore.bulkPut',
        'apps.activities.list',
        'apps.hosted.upload',
        'apps.hosted.generatePresignedPost',
        'apps.hosted.exchangeAuthTicket',
        'tooling.tokens.rotate',
        'auth.test',
        'apps.manifest.create',
      ].map(familyOf),
    ).toEqual(['datastore', 'activities', 'hosting', 'hosting', 'auth', 'auth', 'auth', 'apps']);
  });
});
