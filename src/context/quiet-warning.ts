type EmitWarning = (warning: string | Error, ...rest: unknown[]) => void;

/**
 * Runs load with one of Node's warnings unprinted: the ExperimentalWarning it emits as
 * `feature` first loads ("SQLite is an experimental feature…", on Node 22). Node prints it
 * straight to stderr, which the emulator keeps for its own lines. Every other warning, and
 * this one outside load, goes out as usual.
 */
export async function withoutExperimentalWarning<T>(proc: { emitWarning: EmitWarning }, feature: string, load: () => Promise<T>): Promise<T> {
  const emit = proc.emitWarning;
  const text = `${feature} is an experimental feature`;
  proc.emitWarning = function (this: unknown, warning, ...rest) {
    const type = typeof rest[0] === 'string' ? rest[0] : warning instanceof Error ? warning.name : (rest[0] as { type?: unknown } | undefined)?.type;
    const message = typeof warning === 'string' ? warning : warning.message;
    if (type === 'ExperimentalWarning' && message.startsWith(text)) return;
    emit.call(this, warning, ...rest);
  };
  try {
    return await load();
  } finally {
    proc.emitWarning = emit;
  }
}
