import { lstatSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { tempFolder } from '../../../test/helpers/function-runtime.js';
import { makeZip } from '../../../test/helpers/hosting.js';
import { bundleFolderPath, BundleUnpackError, pruneBundles, unpackBundle } from './bundle-folder.js';

async function zipFile(files: Record<string, string>): Promise<string> {
  const path = join(tempFolder(), 'bundle.zip');
  writeFileSync(path, await makeZip(files));
  return path;
}

const deployment = (zipPath: string, version = 1) => ({ appId: 'A0EMULATOR1', version, s3Key: `T1/A0EMULATOR1/${version}.zip`, zipPath });

describe('unpackBundle', () => {
  it('unpacks a deployment once, into <root>/<app>/v<version>-<key hash>, and reuses it after', async () => {
    const root = tempFolder();
    const zipPath = await zipFile({ 'manifest.json': '{}', 'functions/greet.js': 'export default () => ({});' });
    const folder = await unpackBundle(root, deployment(zipPath));
    expect(folder).toBe(bundleFolderPath(root, deployment(zipPath)));
    expect(folder).toMatch(/\/A0EMULATOR1\/v1-[0-9a-f]{12}$/);
    expect(readFileSync(join(folder, 'functions/greet.js'), 'utf8')).toBe('export default () => ({});');
    // A second call does not unpack again: an edit made in between survives.
    writeFileSync(join(folder, 'marker'), 'x');
    expect(await unpackBundle(root, deployment(zipPath))).toBe(folder);
    expect(readdirSync(folder).sort()).toEqual(['functions', 'manifest.json', 'marker']);
    // Nothing half-made is left beside it.
    expect(readdirSync(join(root, 'A0EMULATOR1'))).toEqual([folder.split('/').at(-1)]);
  });

  it('gives each version a folder of its own, and two unpackings at once leave one whole copy', async () => {
    const root = tempFolder();
    const zipPath = await zipFile({ 'functions/a.js': 'a' });
    const [one, two] = await Promise.all([unpackBundle(root, deployment(zipPath, 2)), unpackBundle(root, deployment(zipPath, 2))]);
    expect(one).toBe(two);
    expect(await unpackBundle(root, deployment(zipPath, 3))).not.toBe(one);
    expect(readdirSync(join(root, 'A0EMULATOR1')).sort()).toHaveLength(2);
  });

  it('writes a link stored in the zip as a plain file, never as a link', async () => {
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from('/etc/passwd'), 'functions/link.js', { mode: 0o120777 });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    const zipPath = join(tempFolder(), 'link.zip');
    writeFileSync(zipPath, Buffer.concat(chunks));
    const folder = await unpackBundle(tempFolder(), deployment(zipPath));
    expect(lstatSync(join(folder, 'functions/link.js')).isFile()).toBe(true);
    expect(readFileSync(join(folder, 'functions/link.js'), 'utf8')).toBe('/etc/passwd');
  });

  it('refuses an entry whose name climbs out of the folder (zip slip), and writes nothing', async () => {
    const root = tempFolder();
    // yazl will not write such a name: write "xx/", then turn it into "../" in both headers.
    const zip = await makeZip({ 'functions/a.js': 'a', 'xx/evil.js': 'evil' });
    const path = join(tempFolder(), 'slip.zip');
    writeFileSync(path, Buffer.from(zip.toString('latin1').replaceAll('xx/evil.js', '../evil.js'), 'latin1'));
    await expect(unpackBundle(root, deployment(path))).rejects.toThrow(/invalid relative path|outside its folder/);
    expect(readdirSync(join(root, 'A0EMULATOR1'))).toEqual([]);
    expect(readdirSync(root)).toEqual(['A0EMULATOR1']);
  });

  it('refuses what is not a zip, and leaves nothing behind', async () => {
    const root = tempFolder();
    const path = join(tempFolder(), 'not.zip');
    writeFileSync(path, 'plain text');
    await expect(unpackBundle(root, deployment(path))).rejects.toThrow(BundleUnpackError);
    expect(readdirSync(join(root, 'A0EMULATOR1'))).toEqual([]);
  });

  it('prunes an app’s deployments to the newest ones, passing over folders in use, half-made ones and other apps', async () => {
    const root = tempFolder();
    const zipPath = await zipFile({ 'functions/a.js': 'a' });
    const folders = [];
    for (const v of [1, 2, 3, 4, 10]) folders.push(await unpackBundle(root, deployment(zipPath, v)));
    const other = await unpackBundle(root, { ...deployment(zipPath, 1), appId: 'A0OTHER' });
    mkdirSync(join(root, 'A0EMULATOR1', 'v1-0123456789ab.unpacking-x'));
    const inUse = folders[1] as string;
    const removed = await pruneBundles(root, 'A0EMULATOR1', 2, (f) => f === inUse);
    expect(removed.sort()).toEqual([folders[0], folders[2]].sort());
    const left = readdirSync(join(root, 'A0EMULATOR1')).sort();
    expect(left).toEqual([...[folders[1], folders[3], folders[4]].map((f) => (f as string).split('/').at(-1)), 'v1-0123456789ab.unpacking-x'].sort());
    expect(readdirSync(other)).toEqual(['functions']);
    expect(await pruneBundles(root, 'A0NEVER', 2, () => false)).toEqual([]);
  });

  it('refuses an app ID that could name another folder', () => {
    expect(() => bundleFolderPath('/r', { appId: '../A1', version: 1, s3Key: 'k' })).toThrow('Not an app ID: "../A1"');
  });
});
