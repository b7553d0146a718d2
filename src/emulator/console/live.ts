import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the live channel carries: one event name per kind of change, each a small JSON notice. */
export type LiveEventName = 'activity' | 'items' | 'message' | 'request' | 'state';

/** Past this many unsent bytes a client is too slow to keep: it is dropped, and its EventSource reconnects and re-reads. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Proxies and browsers drop a silent stream; a comment line keeps it open. */
const HEARTBEAT_MS = 15_000;

/**
 * The console's one server-push channel (Server-Sent Events at `/__console/events`). The services' own
 * listeners publish to it (`live-sources.ts`); pages subscribe by event name. A notice says what changed,
 * and a page reads what it shows through the JSON API, so a dropped or reconnected client loses nothing.
 */
export class LiveHub {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | undefined;

  get size(): number {
    return this.clients.size;
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    // The reconnect delay a dropped client waits, and a first line so the browser reports `open` at once.
    res.write('retry: 500\n: connected\n\n');
    this.clients.add(res);
    req.socket.setNoDelay(true);
    const drop = () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopHeartbeat();
    };
    res.on('close', drop);
    this.heartbeat ??= setInterval(() => this.write(': heartbeat\n\n'), HEARTBEAT_MS).unref();
  }

  publish(event: LiveEventName, data: unknown): void {
    if (this.clients.size === 0) return;
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Ends every stream, so a closing server is not held open by them. */
  close(): void {
    this.stopHeartbeat();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const res of this.clients) {
      if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
      else res.write(chunk);
    }
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
