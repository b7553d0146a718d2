import type { Choice, Prompter } from '../../src/io/prompter.js';

type Answer = string | boolean | ((choices?: readonly Choice<unknown>[]) => unknown);

/** Scripted answers keyed by prompt id; a prompt without an answer fails the test. */
export class FakePrompter implements Prompter {
  readonly asked: { id: string; message: string }[] = [];
  constructor(private readonly answers: Record<string, Answer[]> = {}) {}

  private next(id: string, message: string): Answer {
    this.asked.push({ id, message });
    const queue = this.answers[id];
    if (!queue?.length) throw new Error(`Unexpected prompt "${id}": ${message}`);
    return queue.shift() as Answer;
  }

  async input(id: string, message: string, validate?: (v: string) => string | undefined): Promise<string> {
    for (;;) {
      const a = this.next(id, message);
      const v = String(typeof a === 'function' ? a() : a);
      if (!validate?.(v)) return v;
    }
  }
  async password(id: string, message: string): Promise<string> {
    return String(this.next(id, message));
  }
  async confirm(id: string, message: string): Promise<boolean> {
    return this.next(id, message) === true;
  }
  async select<T>(id: string, message: string, choices: readonly Choice<T>[]): Promise<T> {
    const a = this.next(id, message);
    if (typeof a === 'function') return a(choices) as T;
    const found = choices.find((c) => c.label.includes(String(a)));
    if (!found) throw new Error(`No choice matching "${String(a)}" for prompt "${id}"`);
    return found.value;
  }
}
