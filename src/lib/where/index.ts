// The --where language: a condition as people type it, compiled to DynamoDB's filter expression. Pure code,
// shared by the CLI's datastore commands and the emulator's console filter box, so both say the same things.
export { checkWhereAttributes, compileWhere, InvalidWhere, WHERE_HINT, type CompiledWhere } from './compile.js';
