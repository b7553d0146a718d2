// Lint = correctness basics + the layering rules of the codebase (README "Layout").
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const folders = [
  'activity',
  'api',
  'apps',
  'auth',
  'cli',
  'commands',
  'config',
  'context',
  'datastore',
  'deploy',
  'emulator',
  'env',
  'errors',
  'io',
  'kit',
  'lib',
  'messages',
  'triggers',
  'testing',
];
/** Forbids importing the named src folders (relative imports from a sibling folder or deeper). */
const forbid = (names, message, allowTypeImports = false) => ({
  group: names.flatMap((n) => [`../${n}/*`, `../../${n}/*`, `../../../${n}/*`]),
  message,
  allowTypeImports,
});
const except = (...keep) => folders.filter((f) => !keep.includes(f));
const domain = forbid(
  ['io', 'cli', 'commands', 'kit', 'context', 'emulator'],
  'Domain modules never print or parse flags: they import api, config, errors and lib, and report through return values and callbacks.',
);
/** What the emulator may not take from the rest of src/, for a file `up` folders below src/. */
const outsideEmulator = (up) => ({
  group: except('emulator', 'lib', 'api').map((n) => `${up}${n}/*`),
  message:
    "The emulator is a server of its own: it imports only api schemas and lib; its errors are its own (src/emulator/errors.ts), made the CLI's by the emulator command.",
});
/** The command groups, a folder each under src/commands/. */
const COMMAND_GROUPS = readdirSync(new URL('./src/commands/', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
/** The emulator's platform services, a folder each under src/emulator/. */
const EMULATOR_SERVICES = [
  'http',
  'auth',
  'apps',
  'hosting',
  'datastore',
  'activity',
  'variables',
  'triggers',
  'control',
  'db',
  'directory',
  'messages',
  'runtime',
  'workflows',
  'console',
  'snapshot',
];
/** A service reaches another only through its index.ts, for a file whose service folders are at `sibling`. */
const otherServices = (own, sibling) =>
  EMULATOR_SERVICES.filter((s) => s !== own).map((s) => ({
    group: [`${sibling}${s}/*`, `!${sibling}${s}/index.js`],
    message: `Use ${sibling}${s}/index.js: the ${s} service's other files are its own, free to change; what other services may use is in its index.ts.`,
  }));
const restrict = (...patterns) => ['error', { patterns: [...patterns, { group: ['**/test/**'], message: 'src never imports test code.' }] }];

/** A relative path as a regex: its dots literal. */
const dots = (path) => path.replaceAll('.', '\\.');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    // The launcher and the build's stand-in module are CommonJS on purpose (start-up speed).
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Only src/main.ts and src/context/ touch process; use ctx.' },
        { name: 'fetch', message: 'Only src/api/transport.ts, src/api/upload.ts and src/api/webhook.ts call fetch; use ctx.fetch through the API client.' },
      ],
      'no-restricted-properties': ['error', { object: 'globalThis', property: 'fetch', message: 'Use ctx.fetch.' }],
      '@typescript-eslint/no-restricted-imports': restrict({ group: ['commander'], message: 'Only src/cli/ imports commander.' }),
    },
  },
  { files: ['src/main.ts', 'src/context/**/*.ts'], rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' } },
  // The function runtime's harness runs in Deno, for an app's function: it prints as Slack's runtime does and completes functions with fetch.
  { files: ['src/emulator/runtime/deno-harness.ts'], rules: { 'no-console': 'off', 'no-restricted-globals': 'off' } },
  {
    // Flag values reach a command in its parsed options; on the Context they would be read from anywhere.
    files: ['src/context/context.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "TSInterfaceDeclaration[id.name='Context'] TSPropertySignature[key.name=/^(globals|flags|options|app|team|token|tokenFile|apihost|configDir|json|color|verbose|prompt|force)$/]",
          message:
            'The Context holds dependencies only: a command declares the global flags it reads in its options (kit/global-options.ts); flags that configure a dependency are ContextSettings.',
        },
      ],
    },
  },
  {
    files: ['src/api/transport.ts', 'src/api/upload.ts', 'src/api/webhook.ts'],
    rules: { 'no-restricted-globals': ['error', { name: 'process', message: 'Use ctx.' }] },
  },
  { files: ['src/cli/**/*.ts'], ignores: ['src/**/*.test.ts'], rules: { '@typescript-eslint/no-restricted-imports': restrict() } },
  {
    files: ['src/errors/**/*.ts', 'src/lib/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        group: ['../*', '!./*'],
        message: 'errors/ and lib/ are leaves: they import nothing else from src.',
      }),
    },
  },
  {
    // A folder inside lib/ may use lib's other helpers, and still nothing else.
    files: ['src/lib/*/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        group: ['../../*'],
        message: 'errors/ and lib/ are leaves: they import nothing else from src.',
      }),
    },
  },
  {
    files: ['src/api/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        forbid(except('api', 'errors', 'lib'), 'api/ imports only errors, lib and zod; it gets tokens and hosts injected.'),
        { group: ['commander'], message: 'Only src/cli/ imports commander.' },
      ),
    },
  },
  {
    files: ['src/{apps,auth,deploy,datastore,activity,env,triggers,messages}/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(domain, { group: ['commander'], message: 'Only src/cli/ imports commander.' }) },
  },
  {
    // Building and packaging work offline on the project folder; only ship/ talks to Slack.
    files: ['src/deploy/{bundle,package}/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        domain,
        forbid(['api', 'ship'], "deploy/bundle and deploy/package never reach the network: the API and the wire sequence are ship/'s."),
        { group: ['commander'], message: 'Only src/cli/ imports commander.' },
      ),
    },
  },
  {
    files: ['src/deploy/package/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        domain,
        forbid(['api', 'ship', 'bundle'], 'deploy/package zips what the build wrote; it imports nothing from bundle/ or ship/, nor the API.'),
        { group: ['commander'], message: 'Only src/cli/ imports commander.' },
      ),
    },
  },
  {
    files: ['src/config/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(forbid(except('config', 'errors', 'lib'), 'config/ imports only errors and lib.'), {
        group: ['commander'],
        message: 'Only src/cli/ imports commander.',
      }),
    },
  },
  {
    files: ['src/io/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(forbid(except('io', 'errors', 'lib'), 'io/ imports only errors and lib.'), {
        group: ['commander'],
        message: 'Only src/cli/ imports commander.',
      }),
    },
  },
  {
    files: ['src/kit/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        forbid(except('kit', 'errors', 'lib', 'context'), 'kit/ imports only errors, lib, zod and context types.'),
        forbid(['context'], 'kit/ imports only context types.', true),
        { group: ['commander'], message: 'Only src/cli/ imports commander.' },
      ),
    },
  },
  {
    files: ['src/commands/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/commands/emulator/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='call'][arguments.0.type='Literal']",
          message:
            'Slack calls live in domain modules (src/apps, auth, datastore, activity, deploy/ship, env, triggers): hand them the client from ctx.api() (src/README.md).',
        },
      ],
    },
  },
  // Each command group keeps to its own files: what two groups share lives in kit/ or a domain module.
  ...COMMAND_GROUPS.map((group) => ({
    files: [`src/commands/${group}/**/*.ts`],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        forbid(group === 'emulator' ? ['cli'] : ['cli', 'emulator'], 'Commands never import cli/ or the emulator (only `rosi emulator` starts it).'),
        forbid(['context'], 'Commands import only context types; services come through ctx.', true),
        {
          group: [...COMMAND_GROUPS.filter((g) => g !== group).map((g) => `../${g}/*`), '../index.js', '../../commands/index.js'],
          message:
            'A command group imports no other group, nor the tree: share through kit/ or a domain module; the runner hands the tree to commands that need it.',
        },
        { group: ['commander'], message: 'Only src/cli/ imports commander.' },
      ),
    },
  })),
  {
    // rosi/testing is a library in an app's own test process, not a part of the CLI: no Context there, so it reads
    // process (its env, its Node) and calls the emulator with fetch itself. It starts the emulator through its one
    // entry point and runs rosi's CLI for deploys, so it takes nothing else of src/ but lib/ and the real clock.
    files: ['src/testing/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': 'off',
      'no-restricted-properties': 'off',
      '@typescript-eslint/no-restricted-imports': restrict(
        forbid(
          except('testing', 'lib', 'emulator', 'context'),
          'rosi/testing composes the emulator and rosi’s CLI (run as a process): it imports only lib/ of the rest.',
        ),
        { group: ['../emulator/*', '!../emulator/index.js'], message: 'rosi/testing starts the emulator through src/emulator/index.ts only.' },
        {
          group: ['../context/*', '!../context/real-clock.js', '!../context/quiet-warning.js'],
          message: 'rosi/testing takes only the real clock and the quiet SQLite load from context/.',
        },
        { group: ['commander'], message: 'Only src/cli/ imports commander.' },
      ),
    },
  },
  // The emulator: what it may take from the rest of src/, and its services' privacy (src/emulator/README.md).
  {
    files: ['src/emulator/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(outsideEmulator('../'), { group: ['commander'], message: 'Only src/cli/ imports commander.' }),
    },
  },
  {
    // The shared leaves; index.ts, deps.ts and store.ts name what they assemble.
    files: ['src/emulator/{defaults,errors,ids}.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(outsideEmulator('../'), {
        group: EMULATOR_SERVICES.map((s) => `./${s}/*`),
        message: 'defaults, errors and ids are shared by every service: they import none.',
      }),
    },
  },
  ...EMULATOR_SERVICES.flatMap((service) =>
    [
      { files: [`src/emulator/${service}/*.ts`], up: '../../', sibling: '../' },
      { files: [`src/emulator/${service}/*/**/*.{ts,tsx}`], up: '../../../', sibling: '../../' },
    ].map(({ files, up, sibling }) => ({
      files,
      ignores: ['src/**/*.test.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': restrict(outsideEmulator(up), ...otherServices(service, sibling), {
          group: ['commander'],
          message: 'Only src/cli/ imports commander.',
        }),
      },
    })),
  ),
  {
    // The wiring: the server mounts every service's methods and pages, the control router every
    // service's /__emulator endpoints. Those are not in the services' index.ts, which is what
    // services take from each other: there they would close loops (auth's methods record
    // activity, activity's methods authenticate).
    files: ['src/emulator/http/server.ts', 'src/emulator/control/control.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(outsideEmulator('../../'), { group: ['commander'], message: 'Only src/cli/ imports commander.' }),
    },
  },
  // The console's browser code runs in the page, where fetch is the way to reach the emulator and there is no
  // process. It imports preact, its own files and lib/'s pure helpers, never the emulator's server code.
  ...[
    { files: ['src/emulator/console/ui/*.{ts,tsx}'], up: '../', lib: '../../../lib/**' },
    { files: ['src/emulator/console/ui/*/**/*.{ts,tsx}'], up: '../../', lib: '../../../../lib/**' },
    // A page's parts (ui/pages/<page>/*.tsx) are one folder deeper; this later entry wins for them.
    { files: ['src/emulator/console/ui/*/*/**/*.{ts,tsx}'], up: '../../../', lib: '../../../../../lib/**' },
  ].map(({ files, up, lib }) => ({
    files,
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Browser code has no process.' }],
      'no-restricted-properties': 'off',
      '@typescript-eslint/no-restricted-imports': restrict(
        // A regex, not a negated group: a negation cannot bring back a folder inside one the group already left out.
        { regex: `^(?!${dots(lib.slice(0, -2))})${dots(up)}`, message: 'The console’s browser code imports only its own files, preact and src/lib.' },
        { group: ['node:*'], message: 'Browser code cannot use Node’s modules.' },
      ),
    },
  })),
);
