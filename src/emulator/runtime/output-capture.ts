/**
 * What a process wrote, in arrival order, kept to its last `capBytes` bytes: the end of a
 * run (the error, the last log lines) is what explains it. Counted in bytes, as the pipes
 * deliver them, and cut only between UTF-8 characters.
 */
export class OutputCapture {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(
    private readonly capBytes: number,
    /** Say how much was cut, on a first line of its own. */
    private readonly markCut = true,
  ) {}

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Whole chunks that lie entirely before the kept tail can go now; text() trims the rest.
    for (let first = this.chunks[0]; first && this.size - first.length >= this.capBytes; first = this.chunks[0]) {
      this.chunks.shift();
      this.size -= first.length;
      this.dropped += first.length;
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    let start = Math.max(0, all.length - this.capBytes);
    // Never start inside a character: skip its continuation bytes (10xxxxxx).
    while (start < all.length && ((all[start] as number) & 0xc0) === 0x80) start++;
    const cut = this.dropped + start;
    const body = all.subarray(start).toString('utf8');
    return cut > 0 && this.markCut ? `[… ${cut} bytes cut]\n${body}` : body;
  }
}
