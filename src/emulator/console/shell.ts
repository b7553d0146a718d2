import { escapeHtml } from '../auth/index.js';
import type { SeedTeam } from '../defaults.js';

/** Where the console's built files are served from. */
export const ASSETS_PREFIX = '/__console/assets/';

/**
 * The one HTML page every console path answers with: the browser code (`ui/`) reads the path and draws
 * the page. It carries the same-origin token that the console's writes must send back (`guard.ts`).
 */
export function shellHtml(o: { token: string; team: SeedTeam }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="rosi-console-token" content="${escapeHtml(o.token)}">
<title>${escapeHtml(o.team.name)} · rosi emulator</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS_PREFIX}console.css">
<script type="module" src="${ASSETS_PREFIX}console.js"></script>
</head>
<body>
<div id="app"><noscript>The emulator's console needs JavaScript. Everything it shows is also in the CLI: <code>rosi activity</code>, <code>rosi datastore query</code>, <code>rosi emulator messages</code>.</noscript></div>
</body>
</html>
`;
}

/** The console's pages: served only with their own script and style, never framed. */
export const CONSOLE_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};
