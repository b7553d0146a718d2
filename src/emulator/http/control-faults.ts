import { badRequest, controlParams, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { EmulatorError } from '../errors.js';
import { FaultInjector, parseFaults } from './faults.js';
import { sendJson } from './respond.js';

export const faultsControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /** `{spec}` in the --faults syntax replaces the rules (an empty spec clears them); counting starts afresh. */
  async 'POST faults'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    if (typeof p.spec !== 'string') return badRequest(res, 'spec (a --faults string, "" for none) is needed');
    try {
      const rules = parseFaults(p.spec);
      deps.faults = new FaultInjector(rules);
      sendJson(res, 200, { ok: true, rules });
    } catch (e) {
      if (!(e instanceof EmulatorError)) throw e;
      badRequest(res, e.message);
    }
  },
};
