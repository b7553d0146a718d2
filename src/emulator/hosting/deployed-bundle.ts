import { join } from 'node:path';
import type { HostingSettings } from '../deps.js';
import type { Store } from '../store.js';
import { readZip } from './zip-contents.js';

/** A deployment's zip on disk: what the function runtime unpacks and runs (runtime/bundle-folder.ts's DeployedBundle). */
export interface DeploymentZip {
  appId: string;
  version: number;
  s3Key: string;
  zipPath: string;
}

/**
 * The app's newest deployment and where its zip lies; undefined before its first deploy (or
 * when the uploaded object is gone). Its functions run from this zip, as Slack runs them from
 * the uploaded bundle (runtime contract §6.4.1).
 */
export function latestDeployment(deps: { store: Store; hosting: Pick<HostingSettings, 'uploadsDir'> }, appId: string): DeploymentZip | undefined {
  const deployment = deps.store.uploads.deployments(appId).at(-1);
  const upload = deployment && deps.store.uploads.get(deployment.s3_key);
  if (!deployment || !upload) return undefined;
  return { appId, version: deployment.version, s3Key: deployment.s3_key, zipPath: join(deps.hosting.uploadsDir, upload.path) };
}

/** A file of a deployment's zip and its size once unpacked, in bytes. */
export interface DeployedFile {
  name: string;
  size: number;
}

/**
 * The files of one of the app's deployments, in archive order, read from its zip's central directory (no file
 * is unpacked). Undefined when the app has no such deployment or its uploaded object is gone.
 */
export async function deploymentFiles(
  deps: { store: Store; hosting: Pick<HostingSettings, 'uploadsDir'> },
  appId: string,
  version: number,
): Promise<DeployedFile[] | undefined> {
  const deployment = deps.store.uploads.deployments(appId).find((d) => d.version === version);
  const upload = deployment && deps.store.uploads.get(deployment.s3_key);
  if (!upload) return undefined;
  const zip = await readZip(join(deps.hosting.uploadsDir, upload.path));
  return zip.files.map((name) => ({ name, size: zip.sizes.get(name) ?? 0 }));
}
