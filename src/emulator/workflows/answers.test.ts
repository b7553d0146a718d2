import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startInProcess, useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { fakeRunner, settledExecutions, workflowsApp, workingFunctions } from '../../../test/helpers/workflows.js';
import { DEFAULT_USER } from '../defaults.js';
import { isEmulatorError } from '../errors.js';
import { answerFor, answersProblem, readAnswersFile } from './answers.js';

const dir = mkdtempSync(join(tmpdir(), 'rosi-answers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const interactivity = { interactivity_pointer: '1.2.abc', interactor: { id: DEFAULT_USER.id, secret: 's' } };

/** Runs the `form` workflow as a click on a link trigger does: the click brings the interactivity open_form needs. */
async function clickForm(emu: InProcessEmulator, w: Awaited<ReturnType<typeof workflowsApp>>): Promise<void> {
  const created = await emu.json(
    'workflows.triggers.create',
    {
      type: 'shortcut',
      name: 'Report',
      workflow: '#/workflows/form',
      workflow_app_id: w.appId,
      inputs: { interactivity: { value: '{{data.interactivity}}' } },
    },
    w.token,
  );
  const fired = await emu.control('triggers/fire', { trigger_id: String((created.trigger as Json).id) });
  expect(fired.status, JSON.stringify(fired.body)).toBe(200);
}

describe('answers: the format', () => {
  it.each([
    { name: 'a built-in and a step', value: { open_form: { fields: {} }, 'my_workflow/1': { fields: { a: 1 } } }, problem: undefined },
    { name: 'empty', value: {}, problem: undefined },
    { name: 'not an object', value: [1], problem: /must be a JSON object/ },
    { name: 'an answer that is not an object', value: { open_form: 'yes' }, problem: /answer for "open_form" must be a JSON object/ },
    { name: 'a key of neither kind', value: { 'Open Form': {} }, problem: /neither a built-in's name nor <workflow>\/<step id>/ },
  ])('$name', ({ value, problem }) => {
    if (problem === undefined) expect(answersProblem(value)).toBeUndefined();
    else expect(answersProblem(value)).toMatch(problem);
  });

  it('the step’s own answer wins over the built-in’s', () => {
    const answers = { open_form: { fields: { from: 'name' } }, 'wf/0': { fields: { from: 'step' } } };
    expect(answerFor(answers, { builtin: 'open_form', workflow: 'wf', stepId: '0' })).toEqual({ key: 'wf/0', outputs: { fields: { from: 'step' } } });
    expect(answerFor(answers, { builtin: 'open_form', workflow: 'wf', stepId: '1' })).toEqual({ key: 'open_form', outputs: { fields: { from: 'name' } } });
    expect(answerFor({}, { builtin: 'open_form', workflow: 'wf', stepId: '1' })).toBeUndefined();
  });

  it.each([
    { name: 'a file that is not there', path: () => join(dir, 'nope.json'), message: /cannot be read \(ENOENT\)/ },
    { name: 'not JSON', path: () => file('bad.json', '{'), message: /is not valid JSON/ },
    { name: 'JSON of the wrong shape', path: () => file('shape.json', '{"open_form": 1}'), message: /must be a JSON object of outputs/ },
  ])('--answers with $name stops the start, a usage error naming the file', async ({ path, message }) => {
    const p = path();
    let error: unknown;
    try {
      readAnswersFile(p);
    } catch (e) {
      error = e;
    }
    expect(isEmulatorError(error) && error.kind).toBe('usage');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(`--answers ${p}`);
    await expect(startInProcess({ answersFile: p })).rejects.toThrow(message);
  });
});

describe('interactive built-ins answered from --answers', () => {
  const answersFile = file('answers.json', JSON.stringify({ 'form/0': { fields: { title: 'Printer jam' } } }));
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(workingFunctions()), answersFile });
  afterEach(() => expect(emu().errors).toEqual([]));

  it('open_form answers with the file’s fields and a fresh interactivity for the actor; later steps use them', async () => {
    const w = await workflowsApp(emu());
    await clickForm(emu(), w);
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x?.status, JSON.stringify(x)).toBe('completed');
    expect(x?.steps[0]?.outputs).toEqual({
      fields: { title: 'Printer jam' },
      interactivity: {
        interactivity_pointer: expect.stringMatching(/^\d{13}\.\d{13}\.[0-9a-f]{32}$/),
        interactor: { id: expect.any(String), secret: expect.any(String) },
      },
    });
    expect((await emu().control('messages?channel=C0GENERAL')).body.messages).toMatchObject([{ text: 'Reported: Printer jam' }]);
  });
});

describe('interactive built-ins answered from POST /__emulator/answers, or failing without an answer', () => {
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(workingFunctions()) });
  afterEach(() => expect(emu().errors).toEqual([]));

  it('no answer: the step fails saying the emulator cannot ask a person, and how to answer; the activity log has it', async () => {
    const w = await workflowsApp(emu());
    await clickForm(emu(), w);
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', steps: [{ status: 'failed' }] });
    const error = x?.steps[0]?.error ?? '';
    expect(error).toMatch(/^no_answer: open_form needs a person and the emulator cannot ask one \(workflow form, step 0\)/);
    expect(error).toContain('--answers <file>');
    expect(error).toContain('{"form/0": {"fields": {"<field name>": "<value>"}}}');
    expect(error).toContain('/__emulator/answers');
    const results = (await w.activities(x?.trace_id)).filter((e) => e.event_type === 'function_execution_result' && e.level === 'error');
    expect((results[0]?.payload as Json).error).toBe(error);
  });

  it('the endpoint sets the answers (the next run uses them), shows them, and refuses a body of the wrong shape', async () => {
    expect((await emu().control('answers', { open_form: 'yes' })).status).toBe(400);
    const set = await emu().control('answers', { open_form: { fields: { title: 'Set at run time' } } });
    expect(set).toEqual({ status: 200, body: { ok: true, answers: { open_form: { fields: { title: 'Set at run time' } } } } });
    expect((await emu().control('answers')).body.answers).toEqual({ open_form: { fields: { title: 'Set at run time' } } });
    const w = await workflowsApp(emu());
    await clickForm(emu(), w);
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x?.status, JSON.stringify(x)).toBe('completed');
    expect(x?.steps[0]?.outputs?.fields).toEqual({ title: 'Set at run time' });
    await emu().control('answers', {});
    expect((await emu().control('answers')).body.answers).toEqual({});
  });

  it.each([
    { name: 'no fields', answer: { interactivity }, error: /Null value for non-nullable parameter `fields`/ },
    { name: 'fields not an object', answer: { fields: 'x' }, error: /Value for parameter `fields` must be of type object/ },
    { name: 'an output open_form has not', answer: { fields: {}, feilds: {} }, error: /has `feilds`; open_form's outputs are fields, interactivity/ },
  ])('a wrong answer ($name) fails the step saying what is wrong and where it came from', async ({ answer, error }) => {
    await emu().control('answers', { open_form: answer });
    const w = await workflowsApp(emu());
    await clickForm(emu(), w);
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x?.steps[0]?.error).toMatch(/^invalid_answer: the answer for open_form \(key "open_form" of --answers or POST \/__emulator\/answers\)/);
    expect(x?.steps[0]?.error).toMatch(error);
  });

  it('send_message with interactive_blocks: no answer fails before posting; with one, it posts and outputs the click', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('approve');
    await hook.post({});
    const [failed] = await settledExecutions(emu(), w.appId);
    expect(failed?.steps[0]?.error).toMatch(/^no_answer: send_message needs a person/);
    expect((await emu().control('messages?channel=C0GENERAL')).body.messages).toEqual([]);

    await emu().control('answers', { 'approve/0': { action: { action_id: 'approve', value: 'yes' } } });
    await hook.post({});
    const [, x] = await settledExecutions(emu(), w.appId, 2);
    expect(x?.status, JSON.stringify(x)).toBe('completed');
    expect(x?.steps[0]?.outputs).toMatchObject({
      message_timestamp: expect.any(String),
      action: { action_id: 'approve', value: 'yes' },
      interactivity: expect.any(Object),
    });
    expect((await emu().control('messages?channel=C0GENERAL')).body.messages).toMatchObject([
      { text: 'Approve?', blocks: [{ type: 'actions', elements: [{ action_id: 'approve' }] }] },
    ]);
  });
});
