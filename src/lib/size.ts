// Decimal units, as the official CLI reports sizes ("1.234MB" = 1,234,000 bytes) and as
// upload limits are usually quoted; the binary forms are accepted for people who mean them.
const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/**
 * Parses a size for flags such as `--max-size`: a bare number of bytes (`52428800`) or a
 * number with a unit (`50MB`, `1.5 GB`, `512kb`). `KB`/`MB`/`GB` (and `K`/`M`/`G`) are
 * 1000-based; `KiB`/`MiB`/`GiB` are 1024-based. Case-insensitive.
 *
 * @returns whole bytes (rounded down), or undefined when the text is not a size.
 */
export function parseSize(input: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i.exec(input.trim());
  if (!match) return undefined;
  const factor = UNITS[(match[2] ?? '').toLowerCase() || 'b'];
  if (factor === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * factor);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/**
 * A short, 1000-based form of a byte count: `512 B`, `1.23 KB`, `45.6 MB`, `2.00 GB`.
 * Three significant digits, so sizes line up in progress output.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes || 0))} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
