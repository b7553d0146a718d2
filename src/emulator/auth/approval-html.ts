import { STYLES } from './approval-styles.js';
import type { SeedTeam, SeedUser } from '../defaults.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escaped text in which `backticked` commands show as code, as they do in the terminal. */
function prose(s: string): string {
  return escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

export interface Frame {
  title: string;
  team: SeedTeam;
  body: string;
  script?: string;
}

/** A whole page: the workspace bar over `body`; everything in `f` but `body` and `script` is escaped here. */
export function layout(f: Frame): string {
  const team = escapeHtml(f.team.name);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(f.title)} · rosi emulator</title>
<style>${STYLES}</style>
</head>
<body>
<header class="topbar">
  <span class="logo" aria-hidden="true">${escapeHtml(f.team.name.charAt(0).toUpperCase() || 'E')}</span>
  <span class="workspace">${team}</span>
  <span class="badge">rosi emulator</span>
</header>
<main>
${f.body}
</main>
${f.script ? `<script>${f.script}</script>` : ''}
</body>
</html>`;
}

export interface PasteView {
  team: SeedTeam;
  value?: string;
  /** Shown above the form: why the last paste did not work. */
  problem?: { title: string; detail: string };
  notice?: string;
}

function pasteCard(v: PasteView, inert = false): string {
  const problem = v.problem ? `<div class="alert" role="alert"><strong>${escapeHtml(v.problem.title)}</strong><br>${prose(v.problem.detail)}</div>` : '';
  const notice = v.notice ? `<div class="notice" role="status">${escapeHtml(v.notice)}</div>` : '';
  return `<section class="card"${inert ? ' aria-hidden="true" inert' : ''}>
  <h1>Authorize the Slack CLI</h1>
  <p class="lead">Paste the slash command that <code>rosi login</code> printed. On Slack you would run it in any channel or DM; here, this page plays Slack.</p>
  ${problem}${notice}
  <form method="get" action="/approve" class="paste">
    <label for="command">Slash command</label>
    <div class="row">
      <input id="command" name="command" type="text" value="${escapeHtml(v.value ?? '')}" placeholder="/slackauthticket …" autocomplete="off" spellcheck="false" required${inert ? '' : ' autofocus'}>
      <button type="submit" class="button primary">Send</button>
    </div>
  </form>
</section>`;
}

export function pastePage(v: PasteView): string {
  return layout({ title: 'Authorize the CLI', team: v.team, body: pasteCard(v) });
}

export interface ModalView {
  team: SeedTeam;
  user: SeedUser;
  ticket: string;
  command: string;
  /** A rotating login (12 h, refreshed) or a long-lived service token. */
  rotating: boolean;
  tokenLifetime: string;
  expiresIn: string;
}

/** The approval modal, drawn over the paste form as Slack draws it over the channel. */
export function modalPage(v: ModalView): string {
  const lifetime = v.rotating
    ? `A user token that expires after ${escapeHtml(v.tokenLifetime)} and is refreshed automatically.`
    : 'A long-lived service token for CI. It does not expire until it is revoked.';
  const modal = `<div class="overlay">
  <div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title">
    <div class="modal-head">
      <h2 id="modal-title">Authorize the Slack CLI</h2>
      <a class="close" href="/approve" aria-label="Close">&times;</a>
    </div>
    <div class="modal-body">
      <p>A command-line tool is asking to act as you in this workspace.</p>
      <dl class="facts">
        <dt>Workspace</dt><dd><strong data-testid="team-name">${escapeHtml(v.team.name)}</strong> <span class="muted">${escapeHtml(v.team.domain)}.slack.com · ${escapeHtml(v.team.id)}</span></dd>
        <dt>Signed in as</dt><dd><strong data-testid="user-name">${escapeHtml(v.user.name)}</strong> <span class="muted">${escapeHtml(v.user.id)}</span></dd>
        <dt>Token</dt><dd>${lifetime}</dd>
      </dl>
      <h3>It will be able to</h3>
      <ul class="scopes allow">
        <li>Create, read, update and delete <strong>apps</strong> where you are an owner or collaborator</li>
        <li>Create, read, update and delete <strong>datastores</strong> of those apps, and their items</li>
      </ul>
      <h3>It will not be able to</h3>
      <ul class="scopes deny">
        <li>Read or send messages, or see channels, files or people</li>
        <li>Touch apps or data of apps you are not an owner or collaborator of</li>
      </ul>
      <p class="muted small">Ticket <code>${escapeHtml(v.ticket)}</code> · expires in ${escapeHtml(v.expiresIn)}</p>
    </div>
    <form method="post" action="/approve" class="modal-foot">
      <input type="hidden" name="ticket" value="${escapeHtml(v.ticket)}">
      <button type="submit" name="decision" value="cancel" class="button">Cancel</button>
      <button type="submit" name="decision" value="approve" class="button primary" autofocus>Approve</button>
    </form>
  </div>
</div>`;
  return layout({ title: 'Approve the CLI', team: v.team, body: `${pasteCard({ team: v.team, value: v.command }, true)}\n${modal}` });
}

export interface ApprovedView {
  team: SeedTeam;
  ticket: string;
  challenge: string;
  expiresIn: string;
  apiHost: string;
  /** A service-token ticket (`rosi auth token`), finished by that command rather than `rosi login`. */
  service: boolean;
}

const COPY_SCRIPT = `document.getElementById('copy')?.addEventListener('click', function () {
  var code = document.getElementById('challenge').textContent;
  navigator.clipboard.writeText(code).then(function () { document.getElementById('copy').textContent = 'Copied'; });
});`;

export function approvedPage(v: ApprovedView): string {
  const body = `<section class="card center">
  <div class="check" aria-hidden="true">&#10003;</div>
  <h1>Approved</h1>
  <p class="lead">Enter this challenge code in your terminal to finish logging in.</p>
  <div class="code-row">
    <output id="challenge" class="challenge" data-testid="challenge-code">${escapeHtml(v.challenge)}</output>
    <button type="button" id="copy" class="button">Copy</button>
  </div>
  <p class="muted">Started the login with <code>--no-prompt</code>? Finish it with</p>
  <pre class="command">rosi ${v.service ? 'auth token' : 'login'} --apihost ${escapeHtml(v.apiHost)} --ticket ${escapeHtml(v.ticket)} --challenge ${escapeHtml(v.challenge)}</pre>
  <p class="muted small">The code works once, and only until the ticket expires in ${escapeHtml(v.expiresIn)}.</p>
</section>`;
  return layout({ title: 'Approved', team: v.team, body, script: COPY_SCRIPT });
}
