/**
 * The text a person reads in blocks, a line per block: every `text` string in the block, in order (a section's
 * text and fields, a header's, a context's elements). A rich_text block's pieces run on, as they do in Slack.
 */
export function blocksText(blocks: unknown[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    const texts = textsIn(block);
    if (texts.length === 0) continue;
    const rich = typeof block === 'object' && block !== null && (block as { type?: unknown }).type === 'rich_text';
    lines.push(texts.join(rich ? '' : '\n'));
  }
  return lines.join('\n');
}

/** Every string `text` inside a value, depth first; walked with a stack, so an app's deep blocks cannot overflow it. */
function textsIn(root: unknown): string[] {
  const found: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (!Array.isArray(v) && typeof (v as { text?: unknown }).text === 'string') found.push((v as { text: string }).text);
    const children = Array.isArray(v) ? v : Object.values(v as object).filter((c) => typeof c === 'object');
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found;
}
