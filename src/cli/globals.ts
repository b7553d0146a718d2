import type { ContextSettings } from '../context/context.js';
import type { FlagDef } from '../kit/define-command.js';
import { globalFlags } from '../kit/flags.js';

/**
 * The settings the Context is built from, read from the flags as commander keys them
 * (camelCase). The flags themselves go to the command, whose options declare those it reads.
 */
export function readSettings(o: Record<string, unknown>): ContextSettings {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    team: str(o.team),
    token: str(o.token),
    tokenFile: str(o.tokenFile),
    apihost: str(o.apihost),
    configDir: str(o.configDir),
    // `--output json` (the datastore commands' official spelling) means --json everywhere, errors included.
    json: o.json === true || o.output === 'json',
    color: o.color !== false,
    verbose: o.verbose === true,
    prompt: o.prompt !== false,
  };
}

/**
 * A pass-through command's words split into the global flags, read from their definitions
 * (kit/flags.ts) as commander reads them (`--config-dir D`, `--config-dir=D`, `-v`,
 * `--no-color`) and keyed as commander keys them, and the rest, which the command parses
 * itself. `--` ends the flags.
 */
export function splitGlobalFlags(words: readonly string[]): { flags: Record<string, unknown>; rest: string[] } {
  const flags: Record<string, unknown> = {};
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--') {
      rest.push(...words.slice(i + 1));
      break;
    }
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const spelled = eq < 0 ? word : word.slice(0, eq);
    const flag = globalFlags.find((f) => spelled === longName(f) || (f.short !== undefined && spelled === `-${f.short}`));
    if (!flag || (eq >= 0 && !flag.value)) {
      rest.push(word);
      continue;
    }
    flags[keyOf(flag)] = flag.value ? (eq < 0 ? words[++i] : word.slice(eq + 1)) : !flag.negatable;
  }
  return { flags, rest };
}

const longName = (f: FlagDef) => (f.negatable ? `--no-${f.name}` : `--${f.name}`);
const keyOf = (f: FlagDef) => f.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
