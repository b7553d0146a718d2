/** What the machine offers for building a native module, as far as rosi can see. */
export interface BuildProbe {
  platform: string;
  arch: string;
  /** True when a program of this name is on PATH. */
  has(program: string): boolean;
}

export interface SqliteDiagnosisInput {
  /** What loading better-sqlite3 threw. */
  error: unknown;
  /** The folder rosi is installed in (holds its package.json and node_modules), when known. */
  root: string | undefined;
  /** The better-sqlite3 version rosi's package.json asks for, when known. */
  version: string | undefined;
  /** rosi runs from a clone of its sources (devDependencies installed), not from an npm package. */
  checkout: boolean;
  probe: BuildProbe | undefined;
}

export interface SqliteDiagnosis {
  message: string;
  hint: string;
}

/**
 * Why better-sqlite3 did not load, and the command that brings it back. npm drops an
 * optional dependency whose install script fails (no prebuilt binary for this Node and
 * platform, and no compiler or headers to build one) and removes its folder, so
 * `npm rebuild better-sqlite3` then has nothing to rebuild: only an install does. A folder
 * that is there but whose addon does not load (built for another Node) is what rebuild fixes.
 */
export function diagnoseSqlite(i: SqliteDiagnosisInput): SqliteDiagnosis {
  const where = i.probe ? `${i.probe.platform}-${i.probe.arch}` : 'this platform';
  const tools = i.probe ? buildTools(i.probe) : undefined;
  const prefix = i.root === undefined ? '' : ` --prefix ${shellWord(i.root, i.probe?.platform === 'win32')}`;
  const how =
    `npm downloads a prebuilt binary for ${where} or, failing that, compiles one, which takes ${tools?.needs ?? 'python3, make and a C++ compiler'} ` +
    `and Node's headers (fetched from nodejs.org).${tools?.missing.length ? ` Missing here: ${tools.missing.join(', ')}.` : ''}`;
  const first = tools?.missing.length ? tools.command : undefined;
  const inFolder = i.root === undefined ? ', in the folder rosi is installed in' : '';
  // xcode-select only opens an installer and returns at once: the next command must wait for it.
  const run = (cmd: string) =>
    (!tools?.missing.length
      ? `Run: \`${cmd}\``
      : !first
        ? `Install those, then run: \`${cmd}\``
        : i.probe?.platform === 'darwin'
          ? `Run \`${first}\`, and once it has finished: \`${cmd}\``
          : `Run: \`${first} && ${cmd}\``) + inFolder;
  if (!notInstalled(i.error)) {
    const why = firstLine(i.error);
    return {
      message: `The emulator needs better-sqlite3, whose native part does not load here${why ? ` (${why})` : ''}`,
      hint: `Rebuild it for this Node: ${how} ${run(`npm rebuild${prefix} --foreground-scripts better-sqlite3`)}.`,
    };
  }
  const pkg = i.version ? `better-sqlite3@${i.version}` : 'better-sqlite3';
  return {
    message:
      'The emulator needs better-sqlite3, which is not installed: npm leaves this optional native module out without a word ' +
      `when it can neither download a prebuilt binary for ${where} nor compile one`,
    // An install reifies the whole tree: in an installed package, devDependencies are not there and must stay out.
    hint: `Install it: ${how} ${run(`npm install${prefix} --no-save${i.checkout ? '' : ' --omit=dev'} --foreground-scripts ${pkg}`)}. Everything but \`rosi emulator\` works without it.`,
  };
}

function notInstalled(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && /better-sqlite3/.test(String((e as Error).message));
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0]?.trim() ?? '';
}

/** What node-gyp needs on this platform, what is missing, and the command that installs it. */
function buildTools(p: BuildProbe): { needs: string; missing: string[]; command: string | undefined } {
  if (p.platform === 'win32') {
    const missing = p.has('python') || p.has('py') ? [] : ['Python'];
    if (!p.has('cl')) missing.push('Visual Studio Build Tools (C++)');
    return { needs: 'Python and Visual Studio Build Tools with the C++ workload', missing, command: undefined };
  }
  const missing = [
    ...(p.has('python3') || p.has('python') ? [] : ['python3']),
    ...(p.has('make') ? [] : ['make']),
    ...(['c++', 'g++', 'clang++'].some((c) => p.has(c)) ? [] : ['a C++ compiler']),
  ];
  return { needs: 'python3, make and a C++ compiler', missing, command: installCommand(p) };
}

function installCommand(p: BuildProbe): string | undefined {
  if (p.platform === 'darwin') return 'xcode-select --install';
  const sudo = p.has('sudo') ? 'sudo ' : '';
  if (p.has('apt-get')) return `${sudo}apt-get update && ${sudo}apt-get install -y python3 make g++`;
  if (p.has('dnf')) return `${sudo}dnf install -y python3 make gcc-c++`;
  if (p.has('apk')) return `${sudo}apk add python3 make g++`;
  if (p.has('pacman')) return `${sudo}pacman -S --needed --noconfirm python make gcc`;
  if (p.has('zypper')) return `${sudo}zypper install -y python3 make gcc-c++`;
  return undefined;
}

/** The word as a shell reads it (cmd.exe and PowerShell on Windows, POSIX elsewhere): quoted only when it has to be. */
function shellWord(w: string, windows: boolean): string {
  if (windows) return /^[\w:.\\-]+$/.test(w) ? w : `"${w}"`;
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
