/**
 * npm start: build, start the reference provider and a demo site, open a browser with the
 * extension. With a display: Chromium (or Firefox with --firefox) through web-ext run. Without
 * one: a headless walk that logs in with the demo account, connects, loads the demo site through
 * the proxy, prints what happened and saves a popup screenshot.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { startDemoSite } from '../server/demo-site';
import { startMailSink } from '../server/mail/sink';
import { startProvider } from '../server/provider';
import { walk } from './headless-walk';

const { values } = parseArgs({
  options: { firefox: { type: 'boolean' }, headless: { type: 'boolean' }, 'skip-build': { type: 'boolean' } },
});
const DEMO = {
  email: process.env.ZONE_DEMO_EMAIL ?? 'demo@zone.test',
  password: process.env.ZONE_DEMO_PASSWORD ?? 'zone-demo-password',
};
const DEMO_SITE_PORT = 18080;
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'inherit' });

run('node', ['scripts/ensure-deps.mjs', '--browsers']);
if (!values['skip-build']) run('npx', ['tsx', 'scripts/build.mjs']);

mkdirSync('data', { recursive: true });
// The site's mails (sign-up approval links) go to a sink on loopback; their text is printed here.
const mailSink = await startMailSink(0, (mail) => console.log(`\n[mail sink] ${mail.subject}\n${mail.text}`));
const provider = await startProvider({
  mail: { smtp: { host: mailSink.host, port: mailSink.port }, from: 'Zone VPN <no-reply@zone.test>' },
  config: await loadConfig('server/config/default.json'),
  database: 'data/provider.sqlite',
  demoAccount: DEMO,
  upstreamLocalAddress: '127.0.0.2',
});
const site = await startDemoSite({ port: DEMO_SITE_PORT, proxyAddress: '127.0.0.2' });
const demoUrl = `http://demo.test:${DEMO_SITE_PORT}/`;
console.log(`\nReference provider: ${provider.accountUrl}`);
for (const region of provider.regions) {
  console.log(`  ${region.name} (${region.id}): ${region.servers.map((s) => `${s.host}:${s.port}`).join(', ')}`);
}
console.log(`Demo account: ${DEMO.email} / ${DEMO.password}`);
console.log(`Create an account: ${provider.accountUrl}/site/signup (the approval mail is printed here)`);
console.log(`Demo site: ${demoUrl} (says whether it was reached through the VPN)\n`);

const shutdown = async () => {
  await Promise.allSettled([provider.close(), site.close(), mailSink.close()]);
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

if (values.headless || !process.env.DISPLAY) {
  if (!values.headless) console.log('No display found ($DISPLAY is empty): running the headless walk instead.');
  console.log('To use the extension yourself, run `npm start` on a machine with a display.\n');
  const ok = await walk({ demo: DEMO, demoUrl, screenshot: 'artifacts/popup.png' }).catch((error: unknown) => {
    console.error(`Headless walk failed: ${String(error)}`);
    return false;
  });
  await Promise.allSettled([provider.close(), site.close(), mailSink.close()]);
  process.exit(ok ? 0 : 1);
}

const target = values.firefox ? 'firefox-desktop' : 'chromium';
const args = values.firefox
  ? [
      'web-ext',
      'run',
      '--source-dir',
      'dist/firefox',
      '--target',
      target,
      '--firefox',
      '/usr/bin/firefox-esr',
      '--pref',
      'network.dns.forceResolve=127.0.0.1',
      '--start-url',
      demoUrl,
    ]
  : [
      'web-ext',
      'run',
      '--source-dir',
      'dist/chromium',
      '--target',
      target,
      '--chromium-binary',
      '/usr/bin/chromium',
      '--args=--host-resolver-rules=MAP *.test 127.0.0.1',
      '--start-url',
      demoUrl,
    ];
console.log(
  `Opening ${values.firefox ? 'Firefox' : 'Chromium'} with Zone VPN. Log in with the demo account from the toolbar.`,
);
const child = spawn('npx', args, { stdio: 'inherit' });
child.on('exit', () => void shutdown());
