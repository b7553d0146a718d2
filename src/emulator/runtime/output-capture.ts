/**
 * What a process wrote and nobody has taken yet, in arrival order, kept to its last `capBytes` bytes: the end
 * of a run (the error, the last log lines) is what explains it. Counted in bytes, as the pipes deliver them,
 * and cut only between UTF-8 characters. take() hands over what is there, so a running function's output can
 * be logged in parts, each part once.
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

  /** What has not been taken, without taking it. */
  text(): string {
    return this.render(Buffer.concat(this.chunks), this.dropped);
  }

  /**
   * Takes what has not been taken: with `wholeLines`, up to the last line end only, so a line still being
   * written waits for the next take (and a take with no whole line takes nothing). '' when there is nothing.
   */
  take(o: { wholeLines: boolean }): string {
    const all = Buffer.concat(this.chunks);
    const end = o.wholeLines ? all.lastIndexOf(0x0a) + 1 : all.length;
    if (end === 0) return '';
    const rest = all.subarray(end);
    const taken = this.render(all.subarray(0, end), this.dropped);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    this.dropped = 0;
    return taken;
  }

  /** The last capBytes bytes of `bytes`, after a line saying how much went before them. */
  private render(bytes: Buffer, dropped: number): string {
    let start = Math.max(0, bytes.length - this.capBytes);
    // Never start inside a character: skip its continuation bytes (10xxxxxx).
    while (start < bytes.length && ((bytes[start] as number) & 0xc0) === 0x80) start++;
    const cut = dropped + start;
    const body = bytes.subarray(start).toString('utf8');
    return cut > 0 && this.markCut ? `[… ${cut} bytes cut]\n${body}` : body;
  }
}
