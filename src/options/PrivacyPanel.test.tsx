// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it } from 'vitest';
import { button, click, mount } from '../../test/fixtures/render';
import type { Answer } from '../shared/messages';
import type { PrivacyReport } from '../shared/privacy';
import { PrivacyPanel } from './PrivacyPanel';

const REPORT: PrivacyReport = {
  stored: [
    { area: 'local', key: 'session', bytes: 180, described: true },
    { area: 'session', key: 'tokens', bytes: 5120, described: true },
    { area: 'session', key: 'stray', bytes: 9, described: false },
  ],
  contacted: [{ host: 'account.zone.test', requests: 3, lastAt: Date.UTC(2026, 0, 1, 12) }],
  contactedSince: Date.UTC(2026, 0, 1, 11),
};

const rows = (root: HTMLElement, table: number) =>
  [...root.querySelectorAll('.privacy table')[table]!.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent),
  );

describe('options: privacy panel', () => {
  it('shows the token key at once, and what is stored and contacted when asked', async () => {
    let asked = 0;
    const load = async (): Promise<Answer<PrivacyReport>> => (asked++, { ok: true, value: REPORT });
    const root = await mount(<PrivacyPanel tokenKey="ab12cd34" load={load} />);
    expect(root.querySelector('.token-key')!.textContent).toBe('Provider token key ab12cd34');
    expect(asked).toBe(0);
    expect(root.querySelector('table')).toBeNull();

    await click(button(root, 'Show what is stored and contacted'));
    expect(rows(root, 0)).toEqual([
      [
        'session',
        'On disk',
        '180 bytes',
        'Your session token (not shown), your email and the account service that issued it',
      ],
      [
        'tokens',
        'In memory until the browser closes',
        '5,120 bytes',
        "The token issuer's directory and anonymous access tokens (not shown)",
      ],
      ['stray', 'In memory until the browser closes', '9 bytes', 'Not described: please report it'],
    ]);
    expect(rows(root, 1)[0]!.slice(0, 2)).toEqual(['account.zone.test', '3']);
    expect(root.textContent).toContain('never stored');

    await click(button(root, 'Refresh'));
    expect(asked).toBe(2);
  });

  it('says so when nothing was contacted, and shows why a report failed', async () => {
    const empty = await mount(
      <PrivacyPanel tokenKey={null} load={async () => ({ ok: true, value: { ...REPORT, contacted: [] } })} />,
    );
    await click(button(empty, 'Show what is stored and contacted'));
    expect(empty.querySelector('.token-key')).toBeNull();
    expect(empty.textContent).toContain('None since then.');

    const failed = await mount(
      <PrivacyPanel tokenKey={null} load={async () => ({ ok: false, error: { code: 'internal', message: 'x' } })} />,
    );
    await click(button(failed, 'Show what is stored and contacted'));
    expect(failed.querySelectorAll('[role=alert]')).toHaveLength(1);
  });
});
