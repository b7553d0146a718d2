import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as testing from './index.js';
import type * as Public from './public-api.js';

// public-api.ts ships as dist/testing.d.ts as it is: what a user's editor and compiler see. The module must be
// what it declares (npm run typecheck checks the lines below), and the file must hold declarations only.
describe('rosi/testing’s public types', () => {
  it('match the module', () => {
    expectTypeOf(testing.startEmulator).toEqualTypeOf<typeof Public.startEmulator>();
    expectTypeOf(testing.findDeno).toEqualTypeOf<typeof Public.findDeno>();
    expectTypeOf<InstanceType<typeof testing.RosiTestingError>>().toEqualTypeOf<Public.RosiTestingError>();
    expectTypeOf<ConstructorParameters<typeof testing.RosiTestingError>>().toEqualTypeOf<ConstructorParameters<typeof Public.RosiTestingError>>();
    expect(Object.keys(testing).sort()).toEqual(['RosiTestingError', 'findDeno', 'startEmulator']);
  });

  it('are declarations only, so the file is a .d.ts as it stands', () => {
    const file = new URL('./public-api.ts', import.meta.url);
    const sf = ts.createSourceFile('public-api.d.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const runs = sf.statements.filter(
      (s) =>
        !ts.isInterfaceDeclaration(s) &&
        !ts.isTypeAliasDeclaration(s) &&
        !(ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)),
    );
    expect(runs.map((s) => s.getText(sf).split('\n')[0])).toEqual([]);
    expect(sf.statements.some((s) => ts.isImportDeclaration(s))).toBe(false);
  });
});
