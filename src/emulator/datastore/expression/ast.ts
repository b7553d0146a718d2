/** One step of a document path: an attribute (by placeholder or bare name) or a list index. */
export type PathPart = { kind: 'attr'; name: string; placeholder: boolean; pos: number } | { kind: 'index'; index: number; pos: number };

export interface PathRef {
  parts: PathPart[];
  pos: number;
}

export type Operand =
  | { kind: 'path'; path: PathRef; pos: number }
  | { kind: 'value'; name: string; pos: number }
  | { kind: 'size'; args: Operand[]; pos: number };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type FunctionName = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type Condition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand; pos: number }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand; pos: number }
  | { kind: 'in'; operand: Operand; list: Operand[]; pos: number }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition }
  | { kind: 'function'; name: FunctionName; args: Operand[]; pos: number };
