// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it } from 'vitest';
import { VIEW_STATES, type ViewStateName } from '../../test/fixtures/view-states';
import { button, click, mount, settle, type } from '../../test/fixtures/render';
import { createFakeClient } from '../ui/fake-client';
import { createSiteModel } from '../ui/site-model';
import { createViewModel } from '../ui/view-model';
import type { SiteView } from '../shared/messages';
import { Popup } from './Popup';

async function show(name: ViewStateName, site: SiteView = { site: null, bypassed: false }) {
  const client = createFakeClient(VIEW_STATES[name]);
  const model = createViewModel(client, VIEW_STATES[name]);
  const root = await mount(
    <Popup
      model={model}
      site={createSiteModel(client, model, site.site ? { id: 1, url: `https://${site.site}/` } : null, site)}
    />,
  );
  const text = (selector: string) => root.querySelector(selector)?.textContent ?? '';
  return { client, root, text, alerts: root.querySelectorAll('[role=alert]') };
}

describe('popup states', () => {
  it('logged out shows the login form and no error', async () => {
    const { root, alerts } = await show('signedOut');
    expect(root.querySelector('input[type=email]')).not.toBeNull();
    expect(button(root, 'Log in')).toBeDefined();
    expect(alerts).toHaveLength(0);
  });

  it.each([
    ['wrongPassword', 'Wrong email or password', 'Passwords are case-sensitive'],
    ['serviceUnreachable', 'cannot be reached', 'check its address in Settings'],
    ['serviceUnavailable', 'temporarily unavailable', 'Try again in a few minutes'],
    ['rateLimited', 'Too many attempts', 'Wait 42 seconds'],
  ] as const)('%s: the login form says what went wrong and what to do', async (name, title, fix) => {
    const { alerts } = await show(name);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.textContent).toContain(title);
    expect(alerts[0]!.textContent).toContain(fix);
  });

  it('the login form links to the sign-up and reset pages of the configured provider, in a new tab', async () => {
    const links = async (accountServiceUrl: string) => {
      const state = { ...VIEW_STATES.signedOut, settings: { ...VIEW_STATES.signedOut.settings, accountServiceUrl } };
      const client = createFakeClient(state);
      const model = createViewModel(client, state);
      const root = await mount(<Popup model={model} site={createSiteModel(client, model, null)} />);
      return [...root.querySelectorAll('.login a')].map((a) => [
        a.textContent,
        a.getAttribute('href'),
        a.getAttribute('target'),
      ]);
    };
    expect(await links('https://vpn.example.test/')).toEqual([
      ['Create account', 'https://vpn.example.test/site/signup', '_blank'],
      ['Forgot password?', 'https://vpn.example.test/site/reset', '_blank'],
    ]);
    // No address in the settings: the build's default service (vitest.config.ts defines it as the builds do).
    expect((await links(''))[0]![1]).toBe('http://127.0.0.1:18100/site/signup');
  });

  it('a service that answers 503 (its database away) blames neither the password nor the connection', async () => {
    const { alerts } = await show('serviceUnavailable');
    const said = alerts[0]!.textContent ?? '';
    expect(said).not.toContain('Wrong email or password');
    expect(said).not.toContain('Check your internet connection');
    expect(said).not.toContain('cannot be reached');
  });

  it('an expired session asks to log in again with a note, not an alarm', async () => {
    const { root, text, alerts } = await show('sessionExpired');
    expect(text('.note')).toContain('Log in again');
    expect(alerts).toHaveLength(0);
    expect(button(root, 'Log in')).toBeDefined();
  });

  it('disconnected: not protected, Connect, the last used region chosen in the list', async () => {
    const { root, text } = await show('disconnected');
    expect(text('[role=status]')).toContain('Not connected');
    expect(button(root, 'Connect')?.disabled).toBe(false);
    expect(root.querySelectorAll('[role=option]')).toHaveLength(VIEW_STATES.disconnected.regions.length);
    expect(text('[role=option][aria-selected=true]')).toContain('Japan · Tokyo');
  });

  it('connecting: says where to, and Connect waits', async () => {
    const { root, text } = await show('connecting');
    expect(text('[role=status]')).toContain('Connecting');
    expect(text('[role=status]')).toContain('Japan · Tokyo');
    expect(button(root, 'Connect')?.disabled).toBe(true);
  });

  it('connected: the region with its flag, and Disconnect', async () => {
    const { root, text } = await show('connected');
    expect(text('[role=status]')).toContain('Connected');
    expect(text('[role=status]')).toContain('🇯🇵');
    expect(text('[role=status]')).toContain('Japan · Tokyo');
    expect(button(root, 'Disconnect')).toBeDefined();
  });

  it('reconnecting: explains that pages wait, and Disconnect stays', async () => {
    const { root, text } = await show('reconnecting');
    expect(text('[role=status]')).toContain('Reconnecting');
    expect(text('[role=status]')).toContain('Pages wait');
    expect(button(root, 'Disconnect')).toBeDefined();
  });

  it('reconnecting: offers the captive-portal pause, never takes it by itself', async () => {
    const { root, text, client } = await show('reconnecting');
    expect(text('.pause-offer')).toContain('sign in');
    expect(client.sent.filter((m) => m.name === 'pause')).toEqual([]);
    await click(button(root, 'Pause protection for 5 minutes'));
    expect(client.sent).toContainEqual({ name: 'pause', input: { seconds: 300 } });
  });

  it('the pause is offered only while the servers cannot be reached', async () => {
    for (const name of ['connected', 'disconnected', 'error'] as const) {
      const { root } = await show(name);
      expect(button(root, 'Pause protection for 5 minutes')).toBeUndefined();
    }
  });

  it('paused: says traffic goes without the VPN and until when, with Resume and Disconnect', async () => {
    const { root, text, client } = await show('paused');
    expect(text('[role=status]')).toContain('Paused');
    const until = new Date(VIEW_STATES.paused.pausedUntil).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(text('[role=status]')).toContain(`without the VPN until ${until}`);
    expect(button(root, 'Disconnect')).toBeDefined();
    await click(button(root, 'Resume protection now'));
    expect(client.sent).toContainEqual({ name: 'resume', input: undefined });
  });

  it('error: the cause and the fix', async () => {
    const { alerts, text } = await show('error');
    expect(text('[role=status]')).toContain('Connection failed');
    expect(alerts[0]!.textContent).toContain('did not answer in time');
    expect(alerts[0]!.textContent).toContain('Try again in a moment');
  });

  it('another extension holding the proxy is explained, and Connect is off', async () => {
    const { root, text } = await show('otherExtension');
    expect(text('.warning')).toContain('Another extension controls the proxy');
    expect(button(root, 'Connect')?.disabled).toBe(true);
  });
});

describe('popup actions', () => {
  it('a state the background pushes replaces the one on screen', async () => {
    const { root, client, text } = await show('disconnected');
    expect(text('[role=status]')).toContain('Not connected');
    client.push(VIEW_STATES.connected);
    await settle();
    expect(text('[role=status]')).toContain('Connected');
    expect(text('[role=status]')).toContain('Japan · Tokyo');
    expect(button(root, 'Disconnect')).toBeDefined();
  });

  it('Connect asks for the selected region', async () => {
    const { root, client } = await show('disconnected');
    await click(button(root, 'Connect'));
    expect(client.sent).toContainEqual({ name: 'connect', input: { regionId: 'jp-tyo' } });
  });

  it('typing in the region combobox narrows the list, and says how many match', async () => {
    const { root, text } = await show('disconnected');
    await type(root.querySelector('[role=combobox]')!, 'swe');
    expect([...root.querySelectorAll('[role=option]')].map((o) => o.textContent)).toEqual(['🇸🇪Sweden · Stockholm']);
    expect(text('#region-matches')).toBe('1 region matches');
  });

  it('the site card is disabled with a reason on browser pages', async () => {
    const { root, text } = await show('connected');
    expect((root.querySelector('[role=switch]') as HTMLButtonElement).disabled).toBe(true);
    expect(text('#site-hint')).toContain('Browser pages cannot bypass');
  });

  it('the site card switches a website around the VPN', async () => {
    const { root, client } = await show('connected', { site: 'shop.test', bypassed: false });
    await click(root.querySelector<HTMLButtonElement>('[role=switch]')!);
    expect(client.sent).toContainEqual({ name: 'setSiteBypass', input: { site: 'shop.test', bypass: true } });
  });
});

describe('privacy settings that could not be applied', () => {
  it('the popup says which, while connected', async () => {
    const state = { ...VIEW_STATES.connected, privacyNotApplied: ['webRtc' as const, 'prediction' as const] };
    const client = createFakeClient(state);
    const model = createViewModel(client, state);
    const root = await mount(
      <Popup model={model} site={createSiteModel(client, model, null, { site: null, bypassed: false })} />,
    );
    const alert = [...root.querySelectorAll('[role=alert]')].map((a) => a.textContent).join(' ');
    expect(alert).toContain('WebRTC protection could not be turned on');
    expect(alert).toContain('Network prediction could not be turned off');
  });
});
