import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { WriteOptions, writeItem } from './write-item.js';

export const parse = (raw: RawInput) => parseOptions(WriteOptions, raw);

export async function run(ctx: Context, o: WriteOptions): Promise<void> {
  await writeItem(ctx, o, 'put');
}
