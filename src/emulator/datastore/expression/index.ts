export { compileExpression, compileFilter, MAX_EXPRESSION_LENGTH, type ExpressionInput, type Item, type Predicate } from './compile.js';
export { ExpressionError } from './errors.js';
export type { SqlFilter } from './sql.js';
