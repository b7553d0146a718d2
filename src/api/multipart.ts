import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  /** Yields the file's bytes; called once per attempt. */
  open(): AsyncIterable<Uint8Array>;
}

export interface MultipartBody {
  contentType: string;
  /** Known up front: a presigned POST refuses a chunked body. */
  length: number;
  /** The body as a stream; `onBytes` counts the file's bytes as they are read. */
  stream(onBytes?: (sent: number) => void): ReadableStream<Uint8Array>;
}

const enc = new TextEncoder();

/**
 * multipart/form-data with the fields first and the file last (S3 ignores fields after
 * the file), streamed from disk so memory stays flat whatever the file's size.
 */
export function multipartBody(fields: Readonly<Record<string, string>>, file: MultipartFile): MultipartBody {
  const boundary = `----rosi${randomBytes(12).toString('hex')}`;
  const head = enc.encode(
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"\r\n\r\n${v}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + file.size + tail.length,
    stream(onBytes) {
      let iterator: AsyncIterator<Uint8Array> | undefined;
      let sent = 0;
      let stage: 'head' | 'file' | 'done' = 'head';
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (stage === 'head') {
            stage = 'file';
            iterator = file.open()[Symbol.asyncIterator]();
            return controller.enqueue(head);
          }
          if (stage === 'done') return controller.close();
          const next = await (iterator as AsyncIterator<Uint8Array>).next();
          if (next.done) {
            stage = 'done';
            if (sent !== file.size) return controller.error(new Error(`the file changed size while uploading (${sent} of ${file.size} bytes)`));
            return controller.enqueue(tail);
          }
          sent += next.value.length;
          onBytes?.(sent);
          controller.enqueue(next.value);
        },
        async cancel() {
          await iterator?.return?.();
        },
      });
    },
  };
}

function quote(s: string): string {
  return s.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));
}
