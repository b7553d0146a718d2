import { describe, expect, it } from 'vitest';
import { formatBytes, parseSize } from './size.js';

describe('parseSize', () => {
  it.each([
    { input: '0', want: 0 },
    { input: '52428800', want: 52_428_800 },
    { input: '512b', want: 512 },
    { input: '10KB', want: 10_000 },
    { input: '50MB', want: 50_000_000 },
    { input: '50 mb', want: 50_000_000 },
    { input: '1.5GB', want: 1_500_000_000 },
    { input: '2M', want: 2_000_000 },
    { input: '1KiB', want: 1024 },
    { input: '1.5MiB', want: 1_572_864 },
    { input: '1GiB', want: 1_073_741_824 },
    { input: ' 7 kb ', want: 7000 },
  ])('$input → $want bytes', ({ input, want }) => {
    expect(parseSize(input)).toBe(want);
  });

  it.each(['', 'MB', '-5MB', '5 PB', '1e6', '5MBs', 'five', '1,000'])('%j is not a size', (input) => {
    expect(parseSize(input)).toBeUndefined();
  });
});

describe('formatBytes', () => {
  it.each([
    { bytes: 0, want: '0 B' },
    { bytes: 999, want: '999 B' },
    { bytes: 1000, want: '1.00 KB' },
    { bytes: 1234, want: '1.23 KB' },
    { bytes: 45_600_000, want: '45.6 MB' },
    { bytes: 999_999, want: '1.00 MB' },
    { bytes: 123_456_789, want: '123 MB' },
    { bytes: 2_000_000_000, want: '2.00 GB' },
  ])('$bytes → $want', ({ bytes, want }) => {
    expect(formatBytes(bytes)).toBe(want);
  });

  it('round-trips with parseSize at its own precision', () => {
    expect(parseSize(formatBytes(50_000_000).replace(' ', ''))).toBe(50_000_000);
  });
});
