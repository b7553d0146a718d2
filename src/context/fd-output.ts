import { Buffer } from 'node:buffer';
import { fstatSync, statSync, writeSync } from 'node:fs';

/** What rosi uses of stdout and stderr: main.ts, the runner and the IO write through this. */
export interface OutputStream {
  readonly isTTY?: boolean;
  readonly columns?: number | undefined;
  /** `done` runs once the chunk has been handed to the system. */
  write(chunk: string, done?: () => void): boolean;
  /** A Node stream's 'drain', after a write answered false. */
  once?(event: 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
  /** Node's stream itself, for what needs one (readline's prompts); built now if it was not. */
  nodeStream(): NodeJS.WriteStream;
}

/** The file system calls an FdOutput makes, replaceable in tests. */
export interface FdSystem {
  fstatSync(fd: number): { isCharacterDevice(): boolean; rdev: number };
  statSync(path: string): { rdev: number };
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
}

const realSystem: FdSystem = { fstatSync, statSync, writeSync };

/**
 * stdout or stderr written straight to its file descriptor while it is a file, a pipe, a socket
 * or /dev/null, and through Node's stream (`nodeStream()`, process.stdout or process.stderr) once
 * it may be a terminal or the descriptor cannot take a write now. Node's stream is built on first
 * use and loads node:stream (and net for a pipe): 1.5–3 ms on every run of `auth list`, for output
 * Node writes synchronously on POSIX anyway. Not on Windows, where Node's stream does more.
 */
export function fdOutput(fd: 1 | 2, nodeStream: () => NodeJS.WriteStream, platform: NodeJS.Platform, system: FdSystem = realSystem): OutputStream {
  let stream: NodeJS.WriteStream | undefined;
  let direct: boolean | undefined;
  const errorListeners: ((e: NodeJS.ErrnoException) => void)[] = [];
  const toStream = (): NodeJS.WriteStream => {
    if (!stream) {
      stream = nodeStream();
      for (const l of errorListeners) stream.on('error', l);
    }
    return stream;
  };
  const isDirect = () => (direct ??= !stream && platform !== 'win32' && !mayBeTerminal(fd, system));
  const failed = (e: NodeJS.ErrnoException) => {
    // As Node's stream does: its 'error' listeners hear it (main.ts ends quietly on EPIPE), or it is thrown.
    if (!errorListeners.length) throw e;
    for (const l of errorListeners) l(e);
  };
  return {
    get isTTY() {
      return isDirect() ? false : toStream().isTTY;
    },
    get columns() {
      return isDirect() ? undefined : toStream().columns;
    },
    write(chunk, done) {
      if (!isDirect()) return toStream().write(chunk, done);
      const bytes = Buffer.from(chunk, 'utf8');
      let written = 0;
      try {
        while (written < bytes.length) written += system.writeSync(fd, bytes, written, bytes.length - written);
      } catch (e) {
        const error = e as NodeJS.ErrnoException;
        if (error.code !== 'EAGAIN') {
          failed(error);
          return true;
        }
        // A descriptor another program made non-blocking is full: Node's stream waits for it, in order.
        direct = false;
        return toStream().write(bytes.subarray(written), done);
      }
      if (done) queueMicrotask(done);
      return true;
    },
    once(event, listener) {
      return toStream().once(event, listener);
    },
    nodeStream: toStream,
    on(event, listener) {
      errorListeners.push(listener);
      stream?.on(event, listener);
      return this;
    },
  };
}

/** A character device other than /dev/null may be a terminal: only Node's stream can tell, and size it. */
function mayBeTerminal(fd: number, system: FdSystem): boolean {
  try {
    const stat = system.fstatSync(fd);
    return stat.isCharacterDevice() && stat.rdev !== system.statSync('/dev/null').rdev;
  } catch {
    // A closed descriptor: Node's stream knows what to make of it.
    return true;
  }
}
