import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createIO, type Sink } from './io.js';

const options = (stdout: Sink) => ({
  stdout,
  stderr: { write: () => {} },
  isStdoutTTY: false,
  isStderrTTY: false,
  isStdinTTY: () => false,
  stdoutColor: false,
  stderrColor: false,
  columns: 80,
  json: false,
  promptAllowed: false,
});

describe('io.outData', () => {
  it('waits for drain when the stream says its buffer is full', async () => {
    const stream = new EventEmitter();
    const written: string[] = [];
    const sink: Sink = { write: (s) => (written.push(s), false), once: (e, l) => stream.once(e, l) };
    let done = false;
    const p = createIO(options(sink))
      .outData('a\n')
      .then(() => (done = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(written).toEqual(['a\n']);
    expect(done).toBe(false);
    stream.emit('drain');
    await p;
    expect(done).toBe(true);
  });

  it('resolves at once for a sink that takes everything', async () => {
    let out = '';
    await createIO(options({ write: (s) => void (out += s) })).outData('b\n');
    expect(out).toBe('b\n');
  });
});
