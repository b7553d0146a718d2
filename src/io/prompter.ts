import type { Readable, Writable } from 'node:stream';
import { CancelledError } from '../errors/cli-error.js';

export interface Choice<T> {
  label: string;
  value: T;
}

/** Each prompt has a stable id so tests can script answers and errors can name it. */
export interface Prompter {
  input(id: string, message: string, validate?: (value: string) => string | undefined): Promise<string>;
  password(id: string, message: string): Promise<string>;
  confirm(id: string, message: string, defaultValue: boolean): Promise<boolean>;
  select<T>(id: string, message: string, choices: readonly Choice<T>[]): Promise<T>;
}

/**
 * Line-based prompts on node:readline: no dependency, works in any terminal and under
 * a pseudo-terminal driven by a script. Prompts are written to stderr. stdin and stderr's
 * stream are taken only when a prompt is shown: creating them costs start-up time.
 */
export function createReadlinePrompter(input: () => Readable, stderr: () => Writable): Prompter {
  async function ask(message: string, hidden = false): Promise<string> {
    const output = stderr();
    const { createInterface } = await import('node:readline');
    const rl = createInterface({ input: input(), output, terminal: true });
    if (hidden) {
      // Echo nothing the user types; the prompt itself is written before muting.
      const internal = rl as unknown as { _writeToOutput: (s: string) => void };
      internal._writeToOutput = (s: string) => {
        if (s.includes('\n') || s.includes('\r')) output.write('\n');
      };
    }
    return new Promise<string>((resolve, reject) => {
      rl.on('SIGINT', () => {
        rl.close();
        output.write('\n');
        reject(new CancelledError());
      });
      rl.on('close', () => reject(new CancelledError('Input ended before an answer was given')));
      if (hidden) output.write(message);
      rl.question(hidden ? '' : message, (answer) => {
        rl.removeAllListeners('close');
        rl.close();
        resolve(answer.trim());
      });
    });
  }

  return {
    async input(_id, message, validate) {
      for (;;) {
        const answer = await ask(`? ${message}: `);
        const problem = validate?.(answer);
        if (!problem) return answer;
        stderr().write(`  ${problem}\n`);
      }
    },
    async password(_id, message) {
      for (;;) {
        const answer = await ask(`? ${message}: `, true);
        if (answer) return answer;
      }
    },
    async confirm(_id, message, defaultValue) {
      for (;;) {
        const answer = (await ask(`? ${message} ${defaultValue ? '(Y/n)' : '(y/N)'} `)).toLowerCase();
        if (answer === '') return defaultValue;
        if (answer === 'y' || answer === 'yes') return true;
        if (answer === 'n' || answer === 'no') return false;
      }
    },
    async select(_id, message, choices) {
      const output = stderr();
      output.write(`? ${message}\n`);
      choices.forEach((c, i) => output.write(`  ${i + 1}) ${c.label}\n`));
      for (;;) {
        const n = Number(await ask(`  Enter a number (1-${choices.length}): `));
        const choice = Number.isInteger(n) ? choices[n - 1] : undefined;
        if (choice) return choice.value;
      }
    },
  };
}
