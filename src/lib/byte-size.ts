const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/**
 * Parses "200MB", "512KiB", "1.5 GB" or a bare number of bytes. KB/MB/GB are decimal (as
 * deploy reports sizes), KiB/MiB/GiB binary; case does not matter. Undefined if invalid.
 */
export function parseByteSize(input: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(input.trim());
  if (!m) return undefined;
  const unit = UNITS[(m[2] || 'b').toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}
