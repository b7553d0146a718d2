import { displayName } from './shared/text.ts';

interface GreetInputs {
  name?: string;
}

interface HandlerArgs {
  inputs: GreetInputs;
  env: Record<string, string>;
}

/**
 * Says hello. Deno-style handler: the hosted runtime calls the default export. The word it
 * greets with is the app's GREETING variable (`rosi env set GREETING Bonjour`), "Hello" without one.
 */
export default async function greet({ inputs, env }: HandlerArgs) {
  const word = env.GREETING?.trim() || 'Hello';
  return { outputs: { greeting: `${word}, ${displayName(inputs.name)}! 👋` } };
}
