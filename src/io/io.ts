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
  /**
   * The run's output mode: JSON for `--json`, and for a datastore command's `--output json`.
   * It is decided once, from the flags, before the command runs (usage errors follow it too),
   * so the IO holds it and every command asks `result`, rather than each deciding again.
   */
  json: boolean;
  /** Prompts are allowed by flags and environment (not --no-prompt, not CI). */
  promptAllowed: boolean;
}

/** A renderer turns a command's result into human lines on stdout. */
export type Renderer<T> = (data: T, ui: IO) => void;

/** A result as JSON output prints it: indented by two spaces. */
export const jsonText = (data: unknown): string => JSON.stringify(data, null, 2);

/** The renderer of results whose human form is their JSON too (a datastore item, a `--show` expression). */
export const asJson: Renderer<unknown> = (data, ui) => ui.out(jsonText(data));

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
  /**
   * Writes a command's result, the one way a command prints it: JSON in JSON mode
   * (`--json`, `--output json`), else the human renderer.
   */
  result<T>(data: T, render: Renderer<T>): void;
  /** One compact JSON line on stdout (NDJSON streams). */
  jsonLine(value: unknown): void;
  /** Compact JSON lines on stdout in one write, resolved once the stream can take more (long NDJSON streams). */
  jsonLines(values: readonly unknown[]): Promise<void>;
  /** Data on stdout, resolved once the stream can take more: long streams then hold one chunk at a time. */
  outData(chunk: string): Promise<void>;
  /**
   * Writes a result holding a secret to stdout unredacted, as `result` would (JSON in JSON
   * mode, else `text`, which gets the newline): only for commands whose whole job is to hand
   * the user a token (`auth token`, `auth token --json`).
   */
  secret<T>(data: T, text: (data: T) => string): void;
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
      if (o.json) return out(`${jsonText(data)}\n`);
      // One write for the whole rendering rather than a system call per line.
      const lines: string[] = [];
      // The renderer's IO inherits from this one rather than copying it: a spread would read
      // isStdinTTY, and touching process.stdin costs a command that never reads it 2–3 ms.
      const collect: IO = Object.create(io);
      collect.out = (line = '') => void lines.push(line);
      collect.jsonLine = (value) => void lines.push(JSON.stringify(value));
      render(data, collect);
      if (lines.length) out(`${lines.join('\n')}\n`);
    },
    jsonLine: (value) => out(`${JSON.stringify(value)}\n`),
    jsonLines: (values) => io.outData(`${values.map((v) => JSON.stringify(v)).join('\n')}\n`),
    async outData(chunk) {
      const sink = o.stdout;
      if (out(chunk) === false && sink.once) await new Promise<void>((resolve) => sink.once?.('drain', resolve));
    },
    secret: (data, text) => o.stdout.write(o.json ? `${jsonText(data)}\n` : `${text(data)}\n`),
    info: (line = '') => err(`${line}\n`),
    warn: (line) => err(`${errColors.yellow('!')} ${line}\n`),
    success: (line) => err(`${errColors.green('✓')} ${line}\n`),
    err,
  };
  return io;
}
