import { redact } from '../lib/redact.js';
import { createColors, type Colors } from './colors.js';

export interface Sink {
  /** A Node stream answers false when its buffer is full; other sinks may answer nothing. */
  write(chunk: string): boolean | void;
  /** A Node stream's 'drain', which ends that backpressure. */
  once?(event: 'drain', listener: () => void): unknown;
}

export interface IOOptions {
  stdout: Sink;
  stderr: Sink;
  isStdoutTTY: boolean;
  isStderrTTY: boolean;
  /** Asked only when a prompt is considered: finding out builds the stdin stream. */
  isStdinTTY: () => boolean;
  stdoutColor: boolean;
  stderrColor: boolean;
  columns: number;
  json: boolean;
  /** Prompts are allowed by flags and environment (not --no-prompt, not CI). */
  promptAllowed: boolean;
}

/** A renderer turns a command's result into human lines on stdout. */
export type Renderer<T> = (data: T, ui: IO) => void;

export interface IO {
  readonly isStdoutTTY: boolean;
  readonly isStderrTTY: boolean;
  readonly isStdinTTY: boolean;
  readonly columns: number;
  readonly json: boolean;
  /** Colours for text bound to stdout. */
  readonly colors: Colors;
  /** Colours for text bound to stderr. */
  readonly errColors: Colors;
  canPrompt(): boolean;
  /** One line of data on stdout. */
  out(line?: string): void;
  /** Writes a command's result: JSON when --json, else the human renderer. */
  result<T>(data: T, render: Renderer<T>): void;
  /** One compact JSON line on stdout (NDJSON streams). */
  jsonLine(value: unknown): void;
  /** Data on stdout, resolved once the stream can take more: long streams then hold one chunk at a time. */
  outData(chunk: string): Promise<void>;
  /**
   * Writes a secret to stdout unredacted: only for commands whose whole job is to hand
   * the user a token (`auth token`, `auth token --json`).
   */
  secret(text: string): void;
  info(line?: string): void;
  warn(line: string): void;
  success(line: string): void;
  /** Raw stderr, for prompts and spinners. */
  err(chunk: string): void;
}

export function createIO(o: IOOptions): IO {
  const colors = createColors(o.stdoutColor);
  const errColors = createColors(o.stderrColor);
  // Last line of defence: nothing rosi prints may carry a token.
  const out = (s: string) => o.stdout.write(redact(s));
  const err = (s: string) => o.stderr.write(redact(s));
  const io: IO = {
    isStdoutTTY: o.isStdoutTTY,
    isStderrTTY: o.isStderrTTY,
    get isStdinTTY() {
      return o.isStdinTTY();
    },
    columns: o.columns,
    json: o.json,
    colors,
    errColors,
    canPrompt: () => o.promptAllowed && o.isStderrTTY && o.isStdinTTY(),
    out: (line = '') => out(`${line}\n`),
    result(data, render) {
      if (o.json) return out(`${JSON.stringify(data, null, 2)}\n`);
      // One write for the whole rendering rather than a system call per line.
      const lines: string[] = [];
      render(data, { ...io, out: (line = '') => void lines.push(line) });
      if (lines.length) out(`${lines.join('\n')}\n`);
    },
    jsonLine: (value) => out(`${JSON.stringify(value)}\n`),
    async outData(chunk) {
      const sink = o.stdout;
      if (out(chunk) === false && sink.once) await new Promise<void>((resolve) => sink.once?.('drain', resolve));
    },
    secret: (text) => o.stdout.write(text),
    info: (line = '') => err(`${line}\n`),
    warn: (line) => err(`${errColors.yellow('!')} ${line}\n`),
    success: (line) => err(`${errColors.green('✓')} ${line}\n`),
    err,
  };
  return io;
}
