/** A time as the CLI prints it (ISO 8601, UTC, to the second), with the full value on hover and for screen readers. */
export function Time({ ms }: { ms: number }) {
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')}
    </time>
  );
}

/** A byte count in the units people read: 1,234 B, 12.3 KiB, 4.5 MiB. */
export function bytes(n: number): string {
  if (n < 1024) return `${n.toLocaleString('en')} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A duration in milliseconds as the trace prints it: 850 ms, 1.2 s, 3 min 5 s. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
