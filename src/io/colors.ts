import { noPaint, type Paint } from '../lib/paint.js';

export interface Colors extends Paint {
  enabled: boolean;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export function createColors(enabled: boolean): Colors {
  if (!enabled) return { enabled, ...noPaint };
  return { enabled, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), gray: sgr(90, 39) };
}

/**
 * Colour is on for a TTY unless NO_COLOR, --no-color or TERM=dumb says otherwise;
 * FORCE_COLOR (anything but "0") turns it on even off a TTY.
 */
export function colorWanted(isTTY: boolean, env: Readonly<Record<string, string | undefined>>, flag: boolean): boolean {
  if (!flag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}
