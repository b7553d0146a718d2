import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/** A built asset's name: a flat folder, no way out of it. */
const ASSET_NAME = /^[a-z0-9][a-z0-9._-]*\.(js|css|map|svg|png)$/;

/**
 * The console's built files (`npm run build` writes them to dist/console/, beside the emulator's bundle, which
 * is where `__dirname` points when the emulator runs). Nothing comes from anywhere else: the console works offline.
 */
export function defaultAssetsDir(): string {
  return join(__dirname, 'console');
}

export async function serveAsset(res: ServerResponse, dir: string, name: string, head: boolean): Promise<boolean> {
  const m = ASSET_NAME.exec(name);
  if (!m) return false;
  const file = join(dir, name);
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) return false;
    size = s.size;
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': TYPES[m[1] as string] as string,
    'content-length': size,
    // Rebuilt files keep their names; a reload must see the new ones.
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (head) {
    res.end();
    return true;
  }
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).on('end', resolve).pipe(res);
  });
  return true;
}
