import { describe, expect, it } from 'vitest';
import { useInProcessEmulator } from '../../../test/helpers/in-process-emulator.js';

describe('approval page', () => {
  const emu = useInProcessEmulator();
  const newTicket = async () => String((await emu().form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' })).ticket);
  const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${emu().url}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body).toString(),
    });
  const challengeIn = (html: string) => /data-testid="challenge-code">([^<]+)</.exec(html)?.[1];

  it('serves the paste form at /approve with protective headers', async () => {
    const res = await fetch(`${emu().url}/approve`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain('<form method="get" action="/approve"');
    expect(html).not.toMatch(/<(link|img|script)[^>]+(src|href)=/);
  });

  it('shows the modal for a pasted slash command: team, user and what the token may do', async () => {
    const ticket = await newTicket();
    const html = await (await fetch(`${emu().url}/approve?command=${encodeURIComponent(`/slackauthticket ${ticket}`)}`)).text();
    expect(html).toContain('role="dialog"');
    expect(html).toContain('Emulator Workspace');
    expect(html).toContain('T0EMULATOR');
    expect(html).toContain('developer');
    expect(html).toContain('U0EMULATOR');
    expect(html).toContain('where you are an owner or collaborator');
    expect(html).toContain('<strong>datastores</strong>');
    expect(html).toContain(`name="ticket" value="${ticket}"`);
  });

  it('approves, shows the challenge code, and that code completes the exchange', async () => {
    const ticket = await newTicket();
    const res = await post({ ticket, decision: 'approve' }, { origin: emu().url });
    expect(res.status).toBe(200);
    const html = await res.text();
    const challenge = challengeIn(html);
    expect(challenge).toMatch(/^[A-Z2-9]{8}$/);
    expect(html).toContain(`rosi login --apihost ${emu().url} --ticket ${ticket} --challenge ${challenge}`);
    const r = await emu().form('apps.hosted.exchangeAuthTicket', { challenge: String(challenge), slack_cli_version: 'v4.5.0', ticket });
    expect(r).toMatchObject({ ok: true, is_ready: true });
  });

  it('a service-token ticket is finished with `rosi auth token`, not `rosi login`', async () => {
    const ticket = String((await emu().form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5', no_rotation: 'true' })).ticket);
    const html = await (await post({ ticket, decision: 'approve' }, { origin: emu().url })).text();
    expect(html).toContain(`rosi auth token --apihost ${emu().url} --ticket ${ticket} --challenge ${challengeIn(html)}`);
    expect(html).not.toContain('rosi login --apihost');
  });

  it('accepts the bare ticket too, and shows an approved ticket’s code again', async () => {
    const ticket = await newTicket();
    const first = challengeIn(await (await post({ ticket, decision: 'approve' })).text());
    const again = await (await fetch(`${emu().url}/approve?command=${ticket}`)).text();
    expect(challengeIn(again)).toBe(first);
  });

  it('cancel approves nothing', async () => {
    const ticket = await newTicket();
    const html = await (await post({ ticket, decision: 'cancel' })).text();
    expect(html).toContain('Cancelled');
    expect(await emu().form('apps.hosted.exchangeAuthTicket', { challenge: 'X', slack_cli_version: 'v4.5.0', ticket })).toEqual({ ok: true, is_ready: false });
  });

  it.each([
    { name: 'Origin', headers: { origin: 'https://evil.example' } },
    { name: 'Origin null', headers: { origin: 'null' } },
    { name: 'Sec-Fetch-Site', headers: { 'sec-fetch-site': 'cross-site' } },
  ])('refuses an approval posted from another site ($name)', async ({ headers }) => {
    const ticket = await newTicket();
    const res = await post({ ticket, decision: 'approve' }, headers);
    expect(res.status).toBe(403);
    expect(await emu().form('apps.hosted.exchangeAuthTicket', { challenge: 'X', slack_cli_version: 'v4.5.0', ticket })).toEqual({ ok: true, is_ready: false });
  });

  it.each([
    { name: 'unknown', setup: async () => 'not-a-ticket', status: 404, text: 'not recognised' },
    {
      name: 'expired',
      setup: async () => {
        const t = await newTicket();
        emu().clock.advance(5 * 60_000);
        return t;
      },
      status: 410,
      text: 'has expired',
    },
    {
      name: 'used',
      setup: async () => {
        const t = await newTicket();
        const { body } = await emu().control('approve', { ticket: t });
        await emu().form('apps.hosted.exchangeAuthTicket', { challenge: String(body.challenge), slack_cli_version: 'v4.5.0', ticket: t });
        return t;
      },
      status: 410,
      text: 'already used',
    },
  ])('explains a $name ticket', async ({ setup, status, text }) => {
    const ticket = await setup();
    const viaLink = await fetch(`${emu().url}/approve?command=${encodeURIComponent(`/slackauthticket ${ticket}`)}`);
    expect(viaLink.status).toBe(status);
    const html = await viaLink.text();
    expect(html).toContain(text);
    // The way out is a command that reaches this emulator, not slack.com.
    expect(html).toContain(`rosi login --apihost ${emu().url}`);
    const viaPost = await post({ ticket, decision: 'approve' });
    expect(viaPost.status).toBe(status);
    expect(await viaPost.text()).toContain(text);
  });

  it('escapes what the user pasted', async () => {
    const html = await (await fetch(`${emu().url}/approve?command=${encodeURIComponent('"><script>alert(1)</script>')}`)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });
});
