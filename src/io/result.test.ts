import { describe, expect, it } from 'vitest';
import { asJson, createIO } from './io.js';

/** An IO in the given output mode whose stdout writes are kept one by one. */
function io(json: boolean, isStdinTTY = () => false) {
  const writes: string[] = [];
  const ui = createIO({
    stdout: { write: (s) => void writes.push(s) },
    stderr: { write: () => {} },
    isStdoutTTY: false,
    isStderrTTY: false,
    isStdinTTY,
    stdoutColor: false,
    stderrColor: false,
    columns: 80,
    json,
    promptAllowed: false,
  });
  return { ui, writes };
}

const data = { datastore: 'tasks', failed_items: [{ id: '1' }, { id: '2' }] };

describe('io.result, the one way a command prints its result', () => {
  it('prints indented JSON in JSON mode, whatever the renderer', () => {
    const { ui, writes } = io(true);
    ui.result(data, () => {
      throw new Error('not rendered');
    });
    expect(writes).toEqual([`${JSON.stringify(data, null, 2)}\n`]);
  });

  it('writes the human rendering in one write, JSON lines included', () => {
    const { ui, writes } = io(false);
    ui.result(data, (d, out) => {
      out.out(`${d.failed_items.length} failed`);
      d.failed_items.forEach((f) => out.jsonLine(f));
    });
    expect(writes).toEqual(['2 failed\n{"id":"1"}\n{"id":"2"}\n']);
  });

  it('never asks whether stdin is a terminal unless the renderer does (asking builds process.stdin)', () => {
    let asked = 0;
    const { ui, writes } = io(false, () => {
      asked++;
      return true;
    });
    ui.result(data, (d, out) => out.out(`${d.datastore} ${out.colors.bold('x')}`));
    expect(asked).toBe(0);
    ui.result(data, (_d, out) => out.out(String(out.isStdinTTY)));
    expect(asked).toBe(1);
    expect(writes).toEqual(['tasks x\n', 'true\n']);
  });

  it('prints nothing for an empty rendering', () => {
    const { ui, writes } = io(false);
    ui.result(data, () => {});
    expect(writes).toEqual([]);
  });

  it('renders with asJson the same bytes in both modes', () => {
    const human = io(false);
    const json = io(true);
    human.ui.result(data, asJson);
    json.ui.result(data, asJson);
    expect(human.writes).toEqual(json.writes);
  });
});

describe('io.secret', () => {
  // Assembled at run time, so the source holds nothing a token scanner would take for a real one.
  const token = ['xoxp', '1234567890', 'abcdefghijkl'].join('-');
  it('writes the text form with a newline, unredacted', () => {
    const { ui, writes } = io(false);
    ui.secret({ token }, (t) => t.token);
    expect(writes).toEqual([`${token}\n`]);
  });

  it('writes the JSON form in JSON mode, unredacted', () => {
    const { ui, writes } = io(true);
    ui.secret({ token }, (t) => t.token);
    expect(writes).toEqual([`${JSON.stringify({ token }, null, 2)}\n`]);
  });
});

describe('io.jsonLines', () => {
  it('writes compact JSON lines in one write', async () => {
    const { ui, writes } = io(true);
    await ui.jsonLines([{ a: 1 }, { b: 2 }]);
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n']);
  });
});
