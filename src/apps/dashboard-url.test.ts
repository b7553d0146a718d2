import { describe, expect, it } from 'vitest';
import { dashboardUrl } from './dashboard-url.js';

describe('dashboardUrl', () => {
  it.each([
    { host: 'https://slack.com', want: 'https://api.slack.com/apps/A0123ABCDEF' },
    { host: 'https://slack-gov.com', want: 'https://api.slack-gov.com/apps/A0123ABCDEF' },
    { host: 'https://api.slack.com', want: 'https://api.slack.com/apps/A0123ABCDEF' },
    { host: 'http://127.0.0.1:5810', want: 'http://127.0.0.1:5810/apps/A0123ABCDEF' },
    { host: 'http://localhost:5810', want: 'http://localhost:5810/apps/A0123ABCDEF' },
    { host: 'http://[::1]:5810', want: 'http://[::1]:5810/apps/A0123ABCDEF' },
  ])('$host → $want', ({ host, want }) => {
    expect(dashboardUrl(host, 'A0123ABCDEF')).toBe(want);
  });

  it('never points at the API host on Slack, which serves no pages', () => {
    expect(dashboardUrl('https://slack.com', 'A1')).not.toContain('https://slack.com/');
  });
});
