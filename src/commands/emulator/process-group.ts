import { readdirSync, readFileSync } from 'node:fs';
// Signalling a whole process group has no other API; nothing ambient is read from here.
import { kill } from 'node:process';

/** Sends `sig` to every process of the group; a group already gone is no error. */
export function signalGroup(group: number, sig: NodeJS.Signals | 0): boolean {
  try {
    kill(-group, sig);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a process of the group still runs. kill(-group, 0) also counts processes that ended and wait
 * for their reaper (zombies: in a container, PID 1 may take seconds), which no signal can stop; on Linux
 * /proc tells those apart, elsewhere the reaper is prompt.
 */
export function groupRuns(group: number): boolean {
  if (!signalGroup(group, 0)) return false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  return pids.some((pid) => {
    try {
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so fields are counted after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === group && state !== 'Z';
    } catch {
      return false;
    }
  });
}
