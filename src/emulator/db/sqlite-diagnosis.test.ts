import { describe, expect, it } from 'vitest';
import { diagnoseSqlite, type BuildProbe } from './sqlite-diagnosis.js';

const notFound = Object.assign(new Error("Cannot find module 'better-sqlite3'\nRequire stack:\n- /opt/rosi/dist/emulator.cjs"), { code: 'MODULE_NOT_FOUND' });
const wrongAbi = Object.assign(
  new Error("The module '/opt/rosi/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version"),
  { code: 'ERR_DLOPEN_FAILED' },
);
const probe = (platform: string, ...programs: string[]): BuildProbe => ({ platform, arch: 'x64', has: (p) => programs.includes(p) });
const base = { root: '/opt/rosi', version: '12.11.1', checkout: false };

describe('diagnoseSqlite', () => {
  it.each([
    {
      name: 'dropped by npm, tools present: install (not rebuild) into rosi’s folder, devDependencies left out',
      input: { ...base, error: notFound, probe: probe('linux', 'python3', 'make', 'g++') },
      hint: 'Run: `npm install --prefix /opt/rosi --no-save --omit=dev --foreground-scripts better-sqlite3@12.11.1`.',
    },
    {
      name: 'from a clone of the sources: the install keeps devDependencies',
      input: { ...base, checkout: true, error: notFound, probe: probe('linux', 'python3', 'make', 'c++') },
      hint: 'Run: `npm install --prefix /opt/rosi --no-save --foreground-scripts better-sqlite3@12.11.1`.',
    },
    {
      name: 'Fedora without a compiler, as root without sudo',
      input: { ...base, error: notFound, probe: probe('linux', 'python3', 'make', 'dnf') },
      hint: 'Missing here: a C++ compiler. Run: `dnf install -y python3 make gcc-c++ && npm install --prefix /opt/rosi',
    },
    {
      name: 'an unknown distribution: names what is missing, then the command',
      input: { ...base, error: notFound, probe: probe('linux', 'python3') },
      hint: 'Missing here: make, a C++ compiler. Install those, then run: `npm install --prefix /opt/rosi',
    },
    {
      name: 'macOS: the command-line tools installer returns at once, so the install waits for it',
      input: { ...base, error: notFound, probe: probe('darwin', 'python3') },
      hint: 'Run `xcode-select --install`, and once it has finished: `npm install --prefix /opt/rosi',
    },
    {
      name: 'a folder with a space is quoted for the shell',
      input: { ...base, root: '/home/ana/my tools/rosi', error: notFound, probe: probe('linux', 'python3', 'make', 'g++') },
      hint: "Run: `npm install --prefix '/home/ana/my tools/rosi' --no-save",
    },
    {
      name: 'installed but built for another Node: rebuild',
      input: { ...base, error: wrongAbi, probe: probe('linux', 'python3', 'make', 'g++') },
      hint: "Rebuild it for this Node: npm downloads a prebuilt binary for linux-x64 or, failing that, compiles one, which takes python3, make and a C++ compiler and Node's headers (fetched from nodejs.org). Run: `npm rebuild --prefix /opt/rosi --foreground-scripts better-sqlite3`.",
    },
    {
      name: 'where rosi lives is unknown: the command still runs, and says where',
      input: { root: undefined, version: undefined, checkout: false, error: notFound, probe: undefined },
      hint: 'Run: `npm install --no-save --omit=dev --foreground-scripts better-sqlite3`, in the folder rosi is installed in.',
    },
  ])('$name', ({ input, hint }) => {
    expect(diagnoseSqlite(input).hint).toContain(hint);
  });

  it('says which case it is in the message, with the loader’s first line when the addon fails', () => {
    expect(diagnoseSqlite({ ...base, error: notFound, probe: undefined }).message).toMatch(
      /^The emulator needs better-sqlite3, which is not installed: npm leaves/,
    );
    expect(diagnoseSqlite({ ...base, error: wrongAbi, probe: undefined }).message).toBe(
      "The emulator needs better-sqlite3, whose native part does not load here (The module '/opt/rosi/node_modules/better-sqlite3/build/Release/better_sqlite3.node')",
    );
  });

  it('Windows names Python and the Visual Studio C++ tools', () => {
    const d = diagnoseSqlite({ ...base, root: 'C:\\Program Files\\rosi', error: notFound, probe: probe('win32') });
    expect(d.hint).toContain(
      'Missing here: Python, Visual Studio Build Tools (C++). Install those, then run: `npm install --prefix "C:\\Program Files\\rosi" --no-save',
    );
  });
});
