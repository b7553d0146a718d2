import type { SqliteDatabase } from '../db/index.js';

export interface UploadRow {
  key: string;
  app_id: string;
  /** Where the object's bytes are, relative to the uploads folder. */
  path: string;
  size: number;
  had_authorization_header: boolean;
  uploaded_at: number;
}

export interface DeploymentRow {
  app_id: string;
  version: number;
  s3_key: string;
  runtime: string;
  zip_size: number;
  file_count: number;
  files: string[];
  deployed_by: string;
  deployed_at: number;
}

type StoredUpload = Omit<UploadRow, 'had_authorization_header'> & { had_authorization_header: 0 | 1 };
type StoredDeployment = Omit<DeploymentRow, 'files'> & { files: string };

/** Objects posted to the emulator's S3 bucket, and the deployments made from them. */
export class UploadsStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** S3 semantics: posting to an existing key replaces the object. */
  put(u: UploadRow): void {
    this.db
      .prepare(
        `INSERT INTO uploads (key, app_id, path, size, had_authorization_header, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET app_id = excluded.app_id, path = excluded.path, size = excluded.size,
           had_authorization_header = excluded.had_authorization_header, uploaded_at = excluded.uploaded_at`,
      )
      .run(u.key, u.app_id, u.path, u.size, u.had_authorization_header ? 1 : 0, u.uploaded_at);
  }

  get(key: string): UploadRow | undefined {
    const row = this.db.prepare('SELECT * FROM uploads WHERE key = ?').get(key) as StoredUpload | undefined;
    return row && fromStoredUpload(row);
  }

  list(appId?: string): UploadRow[] {
    const rows = (
      appId === undefined
        ? this.db.prepare('SELECT * FROM uploads ORDER BY uploaded_at, key').all()
        : this.db.prepare('SELECT * FROM uploads WHERE app_id = ? ORDER BY uploaded_at, key').all(appId)
    ) as StoredUpload[];
    return rows.map(fromStoredUpload);
  }

  /** Records a deployment as the app's next version (1, 2, …) and returns that version. */
  addDeployment(d: Omit<DeploymentRow, 'version'>): number {
    return this.db.transaction(() => {
      const last = this.db.prepare('SELECT MAX(version) AS v FROM deployments WHERE app_id = ?').get(d.app_id) as { v: number | null };
      const version = (last.v ?? 0) + 1;
      this.db
        .prepare(
          'INSERT INTO deployments (app_id, version, s3_key, runtime, zip_size, file_count, files, deployed_by, deployed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(d.app_id, version, d.s3_key, d.runtime, d.zip_size, d.file_count, JSON.stringify(d.files), d.deployed_by, d.deployed_at);
      return version;
    })();
  }

  /** The app's newest deployment, read alone. */
  lastDeployment(appId: string): DeploymentRow | undefined {
    const row = this.db.prepare('SELECT * FROM deployments WHERE app_id = ? ORDER BY version DESC LIMIT 1').get(appId) as StoredDeployment | undefined;
    return row && { ...row, files: JSON.parse(row.files) as string[] };
  }

  deployments(appId?: string): DeploymentRow[] {
    const rows = (
      appId === undefined
        ? this.db.prepare('SELECT * FROM deployments ORDER BY deployed_at, app_id, version').all()
        : this.db.prepare('SELECT * FROM deployments WHERE app_id = ? ORDER BY version').all(appId)
    ) as StoredDeployment[];
    return rows.map((r) => ({ ...r, files: JSON.parse(r.files) as string[] }));
  }
}

const fromStoredUpload = (r: StoredUpload): UploadRow => ({ ...r, had_authorization_header: r.had_authorization_header === 1 });
