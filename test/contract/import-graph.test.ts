// The shape of the import graph under src/: no cycles, and no imports between command groups.
// Lint can't say either without eslint-plugin-import, so this reads the sources with the
// TypeScript compiler's parser (no type checking, so it stays fast).
//
// Cycles are checked twice. Value imports (`import … from`, `export … from`) decide the order modules
// evaluate in, so no loop of them is allowed anywhere. Type-only imports (`import type`, `export type`,
// or every named binding marked `type`) vanish from the output and cannot break loading, but a loop
// through them still makes two files one unit that can't be split or read apart, so they are checked
// too, with a short list of known loops tolerated. Dynamic `import()` runs after loading and is the
// way to defer a heavy module, so cycles ignore it. For the command-group rule every import counts,
// type-only and dynamic ones too: a group reaching into another is coupling whatever the kind.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

interface Edge {
  to: string;
  typeOnly: boolean;
  dynamic: boolean;
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__snapshots__' ? [] : walk(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });

/** Source path (relative to the repo, with /) for a relative specifier, or undefined for packages. */
const resolveSpecifier = (from: string, spec: string): string | undefined => {
  if (!spec.startsWith('.')) return undefined;
  // `?raw` imports a file's text (the emulator's Deno harness): still an edge to that file.
  const abs = resolve(dirname(from), spec.replace(/\?raw$/, '')).replace(/\.js$/, '.ts');
  return relative(root, abs).split(sep).join('/');
};

const importClauseIsTypeOnly = (clause: ts.ImportClause | undefined): boolean => {
  if (!clause) return false; // `import './x.js'` runs x
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const b = clause.namedBindings;
  if (!b || ts.isNamespaceImport(b)) return false;
  return b.elements.length > 0 && b.elements.every((e) => e.isTypeOnly);
};

const exportIsTypeOnly = (d: ts.ExportDeclaration): boolean => {
  if (d.isTypeOnly) return true;
  const c = d.exportClause;
  return !!c && ts.isNamedExports(c) && c.elements.length > 0 && c.elements.every((e) => e.isTypeOnly);
};

const edgesOf = (file: string): Edge[] => {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean, dynamic: boolean) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const to = resolveSpecifier(file, spec.text);
    if (to) edges.push({ to, typeOnly, dynamic });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, importClauseIsTypeOnly(node.importClause), false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, exportIsTypeOnly(node), false);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false, true);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true, false);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
};

const files = walk(src)
  .map((f) => relative(root, f).split(sep).join('/'))
  .sort();
const graph = new Map(files.map((f) => [f, edgesOf(join(root, f))]));

/** Strongly connected components of the load-time graph with more than one module (or a self-loop). */
const findCycles = (g: Map<string, string[]>): string[][] => {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) out.push(comp);
    }
  };
  for (const v of [...g.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
};

/** One concrete loop through a component, for a message a person can follow. */
const loopThrough = (g: Map<string, string[]>, comp: string[]): string => {
  const inComp = new Set(comp);
  const start = [...comp].sort()[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of g.get(v) ?? []) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
        return [...path, start].join(' → ');
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp.join(', ');
};

const graphOf = (keep: (e: Edge) => boolean) => new Map([...graph].map(([f, es]) => [f, [...new Set(es.filter(keep).map((e) => e.to))]]));
const loadTimeGraph = graphOf((e) => !e.typeOnly && !e.dynamic);
const staticGraph = graphOf((e) => !e.dynamic);

/** Loops through type-only imports tolerated for now (none today); untangle one and take it off the list. */
const KNOWN_TYPE_CYCLES = new Set<string>();

/** The command group a file belongs to, or undefined outside src/commands/<group>/. */
const groupOf = (file: string): string | undefined => /^src\/commands\/([^/]+)\//.exec(file)?.[1];
/** A folder of src/commands/ that every group may share, as they share src/kit/. */
const SHARED = new Set(['kit']);

describe('the import graph of src/', () => {
  it('sees the sources (a broken walk would pass everything below)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
  });

  it('resolves every relative import to a source file', () => {
    const known = new Set(files);
    const missing = [...graph].flatMap(([f, es]) => es.filter((e) => !known.has(e.to) && !e.to.endsWith('.json')).map((e) => `${f} → ${e.to}`));
    expect(missing).toEqual([]);
  });

  it('has no cycles of value imports', () => {
    const cycles = findCycles(loadTimeGraph).map((c) => loopThrough(loadTimeGraph, c));
    expect(cycles).toEqual([]);
  });

  it('has no new cycles through type-only imports', () => {
    const cycles = findCycles(staticGraph).map((c) => loopThrough(staticGraph, c));
    expect(cycles.filter((c) => !KNOWN_TYPE_CYCLES.has(c))).toEqual([]);
  });

  it('has no imports between command groups (src/commands/index.ts assembles them)', () => {
    const crossings = [...graph].flatMap(([f, es]) => {
      const own = groupOf(f);
      if (!own) return [];
      return es
        .filter((e) => {
          const other = groupOf(e.to);
          return other !== undefined && other !== own && !SHARED.has(other);
        })
        .map((e) => `${f} → ${e.to}`);
    });
    expect(crossings).toEqual([]);
  });

  it('has no command importing the tree it is part of, even lazily (the runner hands it over: needsTree)', () => {
    const reaching = [...graph].flatMap(([f, es]) => (groupOf(f) ? es.filter((e) => e.to === 'src/commands/index.ts').map(() => f) : []));
    expect(reaching).toEqual([]);
  });
});

/**
 * The emulator is a server of its own: only its command loads it, and only through its entry point. rosi/testing
 * (src/testing/) is the other user: it runs the emulator inside an app's test process, so it loads it too, through
 * the same entry point (the build routes that import to dist/emulator.cjs, as it does the command's).
 */
const EMULATOR_ENTRY = 'src/emulator/index.ts';
const EMULATOR_USERS = ['src/commands/emulator/', 'src/testing/'];
const inEmulator = (file: string) => file.startsWith('src/emulator/');

describe('the emulator from outside', () => {
  it('is imported only by src/commands/emulator/ and src/testing/, and only through src/emulator/index.ts', () => {
    const reaches = [...graph].filter(([f]) => !inEmulator(f)).flatMap(([f, es]) => es.filter((e) => inEmulator(e.to)).map((e) => ({ from: f, to: e.to })));
    const wrong = reaches.filter((r) => !EMULATOR_USERS.some((u) => r.from.startsWith(u)) || r.to !== EMULATOR_ENTRY).map((r) => `${r.from} → ${r.to}`);
    expect(wrong).toEqual([]);
    // A walk that found no importer at all would pass the line above.
    expect(reaches.map((r) => r.from)).toContain('src/commands/emulator/launch.ts');
    expect(reaches.map((r) => r.from)).toContain('src/testing/in-process.ts');
  });
});

describe('rosi/testing from outside', () => {
  it('is imported by nothing in src/: the CLI never loads it', () => {
    const reaching = [...graph]
      .filter(([f]) => !f.startsWith('src/testing/'))
      .flatMap(([f, es]) => es.filter((e) => e.to.startsWith('src/testing/')).map(() => f));
    expect(reaching).toEqual([]);
  });
});

describe('findCycles', () => {
  it('names each loop once and ignores a clean graph', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(findCycles(g).map((c) => loopThrough(g, c))).toEqual(['a → b → c → a', 'd → d']);
    expect(
      findCycles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });
});
