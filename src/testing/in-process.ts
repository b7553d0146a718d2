import type * as Emulator from '../emulator/index.js';
import { realClock } from '../context/real-clock.js';
import { withoutExperimentalWarning } from '../context/quiet-warning.js';
import type { Backend, BackendOptions } from './backend.js';
import { reasonOf, RosiTestingError } from './errors.js';

type EmulatorModule = typeof Emulator;

/**
 * The emulator's module, loaded only when an in-process emulator starts: importing rosi/testing stays cheap, and a
 * suite that runs the emulator as a child never loads SQLite. Built, it is rosi's own dist/emulator.cjs (a CommonJS
 * module, whose exports an ESM import sees as its default).
 */
export async function loadEmulator(): Promise<EmulatorModule> {
  const m = (await import('../emulator/index.js')) as EmulatorModule | { default: EmulatorModule };
  return 'startEmulator' in m ? m : m.default;
}

/** An emulator in this process: in memory, on a free loopback port, its test endpoints on. */
export async function startInProcess(o: BackendOptions): Promise<Backend> {
  const d = await loadEmulator();
  const said = (e: unknown) => (d.isEmulatorError(e) ? `${e.message}${e.hint ? `. ${e.hint}` : ''}` : reasonOf(e));
  let sqlite: Awaited<ReturnType<EmulatorModule['loadSqlite']>>;
  try {
    // Node 22 warns that SQLite is experimental as it loads: in the suite's own output, that is noise about rosi.
    sqlite = await d.loadSqlite({
      choice: process.env.ROSI_EMULATOR_SQLITE,
      quietly: (load) => withoutExperimentalWarning(process as unknown as Parameters<typeof withoutExperimentalWarning>[0], 'SQLite', load),
    });
  } catch (e) {
    throw new RosiTestingError(
      'no_sqlite',
      `An in-process emulator needs SQLite on this Node (${process.version}): ${said(e)}. Or run it as a child: startEmulator({ process: 'child' }).`,
    );
  }
  let emu: Awaited<ReturnType<EmulatorModule['startEmulator']>>;
  try {
    emu = await d.startEmulator({
      port: 0,
      host: d.DEFAULT_HOST,
      dataDir: null,
      tokenTtlMs: d.DEFAULT_TOKEN_TTL_MS,
      ticketTtlMs: d.DEFAULT_TICKET_TTL_MS,
      team: { domain: d.DEFAULT_TEAM.domain, name: d.DEFAULT_TEAM.name },
      user: d.DEFAULT_USER,
      control: true,
      sqlite,
      clock: realClock,
      deno: { explicit: o.deno ?? process.env.ROSI_DENO, searchPath: process.env.PATH },
      ...(o.functionTimeout === undefined ? {} : { functionTimeoutMs: o.functionTimeout }),
      // A request the emulator could not serve answers internal_error to the caller, which the test sees.
      onError: () => undefined,
    });
  } catch (e) {
    throw new RosiTestingError(d.isEmulatorError(e) ? e.code : 'start_failed', `The emulator did not start: ${said(e)}`);
  }
  const { token, teamId } = emu.signIn();
  return {
    process: 'in-process',
    url: emu.url,
    token,
    teamId,
    checkpoint: async () => emu.state.checkpoint(),
    async reset() {
      if (!(await emu.state.reset())) throw new RosiTestingError('no_checkpoint', 'reset() needs a checkpoint: call checkpoint() first.');
    },
    close: () => emu.close(),
  };
}
