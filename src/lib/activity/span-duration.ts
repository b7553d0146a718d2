/** "850 µs", "120 ms", "1.23 s", "2 min 5 s": a span between two `created` values (microseconds). */
export function formatSpan(micros: number): string {
  const us = Math.max(0, Math.round(micros));
  if (us === 0) return '0 ms';
  if (us < 1000) return `${us} µs`;
  const ms = Math.round(us / 1000);
  if (ms < 1000) return `${ms} ms`;
  const s = us / 1_000_000;
  if (s < 59.995) return `${s.toFixed(2)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
