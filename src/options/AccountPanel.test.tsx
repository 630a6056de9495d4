// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it } from 'vitest';
import { mount, settle } from '../../test/fixtures/render';
import { formatDate } from '../ui/intl';
import { AccountPanel } from './AccountPanel';

describe('options: account panel', () => {
  it('shows the email, the plan and its end date from the account service', async () => {
    const expires = Date.UTC(2031, 0, 15);
    const root = await mount(
      <AccountPanel
        email="demo@zone.test"
        pending={false}
        onLogout={() => {}}
        loadAccount={async () => ({
          ok: true,
          value: { email: 'demo@zone.test', plan: 'Pro', planExpiresAt: expires },
        })}
      />,
    );
    await settle();
    expect(root.textContent).toContain('Logged in as demo@zone.test');
    expect(root.querySelector('.plan')!.textContent).toContain('Pro');
    expect(root.querySelector('.plan')!.textContent).toContain(formatDate(expires, 'en'));
  });

  it('says why the plan is missing when the service is down', async () => {
    const root = await mount(
      <AccountPanel
        email="demo@zone.test"
        pending={false}
        onLogout={() => {}}
        loadAccount={async () => ({ ok: false, error: { code: 'serviceDown', message: 'down' } })}
      />,
    );
    await settle();
    expect(root.querySelector('[role=alert]')!.textContent).toContain('cannot be reached');
  });
});
