import { describe, expect, it } from 'vitest';
import { parseByteSize } from './byte-size.js';

describe('parseByteSize', () => {
  it.each([
    ['1024', 1024],
    ['0', 0],
    ['10B', 10],
    ['200MB', 200_000_000],
    ['200 mb', 200_000_000],
    ['1.5GB', 1_500_000_000],
    ['4kb', 4000],
    ['512KiB', 524_288],
    ['2MiB', 2_097_152],
    ['1gib', 1_073_741_824],
  ])('%s → %d', (input, want) => {
    expect(parseByteSize(input)).toBe(want);
  });

  it.each(['', 'MB', '-1MB', '10 parsecs', '1e6', '1,000'])('refuses %j', (input) => {
    expect(parseByteSize(input)).toBeUndefined();
  });
});
