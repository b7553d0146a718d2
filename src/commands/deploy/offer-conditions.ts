export interface OfferConditions {
  /** --hide-triggers */
  hideTriggers: boolean;
  /** --json: the result is the deploy's JSON, and nothing may ask anything. */
  json: boolean;
  stdoutTTY: boolean;
  /** ctx.io.canPrompt(): stdin and stderr are a terminal, prompts are allowed, not CI. */
  canPrompt: boolean;
}

/**
 * Whether a successful deploy may offer to create a trigger at all, decided before any file is read
 * or call made. The official CLI offers only when stdout is a terminal and --hide-triggers is absent;
 * rosi also needs someone to answer (stdin a terminal, not CI, prompts allowed) and no --json.
 */
export function mayOfferTrigger(c: OfferConditions): boolean {
  return !c.hideTriggers && !c.json && c.stdoutTTY && c.canPrompt;
}
