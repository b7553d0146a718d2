import { displayName } from './shared/text.ts';

interface GreetInputs {
  name?: string;
}

/** Says hello. Deno-style handler: the hosted runtime calls the default export. */
export default async function greet({ inputs }: { inputs: GreetInputs }) {
  return { outputs: { greeting: `Hello, ${displayName(inputs.name)}! 👋` } };
}
