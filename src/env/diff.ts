import { byCodeUnit } from '../lib/compare.js';

/** Which names a local dotenv file and a deployed app do not share, each list sorted. */
export interface NamesDiff {
  /** In the file, not set on the app: `rosi env set --from-file` would add them. */
  onlyInFile: string[];
  /** Set on the app, not in the file. */
  onlyInApp: string[];
}

export function diffNames(file: readonly string[], app: readonly string[]): NamesDiff {
  const inApp = new Set(app);
  const inFile = new Set(file);
  return {
    onlyInFile: [...inFile].filter((n) => !inApp.has(n)).sort(byCodeUnit),
    onlyInApp: [...inApp].filter((n) => !inFile.has(n)).sort(byCodeUnit),
  };
}
