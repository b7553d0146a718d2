import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { RosiTestingError } from './errors.js';
import type { Deployed, Trigger, TriggerDefinition } from './public-api.js';
import { runRosi, tail } from './rosi-cli.js';

/** Where rosi records a project's deployed app: the copy's own, never copied from the project. */
const RECORDS = ['apps.json', 'apps.dev.json'];
const SKIPPED = new Set(['.git', 'node_modules']);

/**
 * The projects a suite deployed. rosi deploy writes `.slack/apps.json` into the project it deploys, so each
 * project is deployed from a copy under the emulator's temporary folder: the user's folder stays as it was,
 * and deploying the same folder again updates the same app.
 */
export class Projects {
  private copies = new Map<string, Deployed>();
  private atCheckpoint = new Map<string, Deployed>();
  private made = 0;
  last: Deployed | undefined;

  constructor(
    private readonly root: string,
    private readonly env: () => Record<string, string>,
  ) {}

  async deploy(folder: string): Promise<Deployed> {
    const source = resolve(folder);
    if (!existsSync(source) || !statSync(source).isDirectory()) throw new RosiTestingError('no_project', `deploy(): there is no project folder at ${source}`);
    const known = this.copies.get(source);
    const dir = known?.dir ?? join(this.root, 'projects', `${basename(source)}-${++this.made}`);
    refresh(source, dir);
    const r = await runRosi(['deploy', '--json'], dir, this.env());
    if (r.code !== 0) throw new RosiTestingError('deploy_failed', `rosi deploy of ${source} failed:\n${tail(r.stderr)}`);
    const deployed = { appId: String((JSON.parse(r.stdout) as { app_id: string }).app_id), dir };
    this.copies.set(source, deployed);
    this.last = deployed;
    return deployed;
  }

  /** A trigger of the last deployed app: a file of its project (read where the copy has it) or a definition. */
  async createTrigger(trigger: string | TriggerDefinition): Promise<Trigger> {
    const app = this.last;
    if (!app) throw new RosiTestingError('no_app', 'createTrigger(): no app is deployed; start with { project } or call deploy() first.');
    let file: string;
    if (typeof trigger === 'string') {
      const source = [...this.copies].find(([, d]) => d === app)?.[0] ?? app.dir;
      const inProject = relative(source, resolve(source, trigger));
      file = inProject.startsWith('..') || isAbsolute(inProject) ? resolve(trigger) : join(app.dir, inProject);
      if (!existsSync(file)) throw new RosiTestingError('no_trigger_file', `createTrigger(): there is no trigger file ${trigger} in ${source}`);
    } else {
      mkdirSync(join(this.root, 'triggers'), { recursive: true });
      file = join(this.root, 'triggers', `trigger-${++this.made}.json`);
      writeFileSync(file, JSON.stringify(trigger));
    }
    const r = await runRosi(['trigger', 'create', '--trigger-def', file, '--json'], app.dir, this.env());
    if (r.code !== 0) throw new RosiTestingError('trigger_failed', `rosi trigger create failed:\n${tail(r.stderr)}`);
    const made = JSON.parse(r.stdout) as { id: string; type: string; name: string; webhook_url?: string; workflow?: { app_id?: string } };
    return {
      id: made.id,
      type: made.type,
      name: made.name,
      appId: made.workflow?.app_id ?? app.appId,
      ...(made.webhook_url === undefined ? {} : { webhookUrl: made.webhook_url }),
    };
  }

  checkpoint(): void {
    this.atCheckpoint = new Map(this.copies);
  }

  /** Projects first deployed after the checkpoint are forgotten, as their apps are: the next deploy makes a new one. */
  reset(): void {
    for (const [source, d] of this.copies) {
      if (this.atCheckpoint.has(source)) continue;
      this.copies.delete(source);
      rmSync(d.dir, { recursive: true, force: true });
    }
    if (this.last && ![...this.copies.values()].includes(this.last)) this.last = [...this.copies.values()].at(-1);
  }
}

/** The copy made anew from the project, keeping the copy's own record of its deployed app. */
function refresh(source: string, dir: string): void {
  const records = RECORDS.map((f) => join(dir, '.slack', f)).flatMap((p) => (existsSync(p) ? [[p, readFileSync(p)] as const] : []));
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, {
    recursive: true,
    filter: (from) => {
      const rel = relative(source, from).split(/[\\/]/);
      if (rel.some((part) => SKIPPED.has(part))) return false;
      return !(rel[0] === '.slack' && rel.length === 2 && (RECORDS.includes(rel[1] as string) || rel[1] === 'cache'));
    },
  });
  for (const [p, bytes] of records) writeFileSync(p, bytes);
}
