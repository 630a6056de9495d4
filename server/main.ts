/**
 * CLI: runs the reference provider until SIGINT/SIGTERM.
 *   npx tsx server/main.ts [--config FILE] [--db FILE|URL] [--demo-email E] [--demo-password P]
 *                          [--upstream-local-address 127.0.0.2] [--demo-site-port N]
 *                          [--token-key FILE] [--token-epoch-seconds N]
 *                          [--mail-from ADDRESS] [--site-url URL]
 * Prints only where things listen and the demo account; it never logs requests.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { engineOf } from './account/db/connect.ts';
import { loadConfig } from './config.ts';
import { startDemoSite } from './demo-site.ts';
import type { RunningDemoSite } from './demo-site.ts';
import { smtpFromUrl } from './mail/smtp-url.ts';
import { startProvider } from './provider.ts';

const USAGE = `Usage: npx tsx server/main.ts [options]
  --config FILE                  provider config (default server/config/default.json)
  --db FILE|postgres://URL       account database: a SQLite file or PostgreSQL (default: the
                                 config's "database", else ./data/provider.sqlite)
  --demo-email EMAIL             demo account (default $ZONE_DEMO_EMAIL or demo@zone.test)
  --demo-password PASSWORD       demo password (default $ZONE_DEMO_PASSWORD or zone-demo-password)
  --upstream-local-address IP    source address of the proxies' upstream sockets (e.g. 127.0.0.2)
  --demo-site-port PORT          also serve the demo origin on 127.0.0.1:PORT
  --token-key FILE               token issuer RSA key, PEM (default: token-issuer-key.pem beside
                                 the database, created on first start, mode 0600)
  --token-epoch-seconds N        token epoch length (default 3600)
  --next-token-key FILE          a rotation's next key (PEM), listed in the directory beside the
                                 current one; clients sign with it from --next-token-key-from
  --next-token-key-from SECONDS  Unix time from which the next key is used
  --mail-from ADDRESS            From of the site's mails (default "Zone VPN <no-reply@localhost>")
  --site-url URL                 the site's public URL, for links in mails (default the account
                                 service's own; https gives __Host- Secure cookies)
  --contact-email ADDRESS        the address on the site's contact page (default support@zone.test)
Environment: ZONE_RATE_LIMIT_KEY (>= 16 chars, the same on every node; required with PostgreSQL)
keys the login rate-limit rows. ZONE_SMTP_URL (smtp://[user:password@]host[:port] or smtps://…)
is the relay for the site's mails; without it site sign-up answers "not available".`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      db: { type: 'string' },
      'demo-email': { type: 'string' },
      'demo-password': { type: 'string' },
      'upstream-local-address': { type: 'string' },
      'demo-site-port': { type: 'string' },
      'token-key': { type: 'string' },
      'token-epoch-seconds': { type: 'string' },
      'next-token-key': { type: 'string' },
      'next-token-key-from': { type: 'string' },
      'mail-from': { type: 'string' },
      'site-url': { type: 'string' },
      'contact-email': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const configFile = values.config ?? fileURLToPath(new URL('./config/default.json', import.meta.url));
  const config = await loadConfig(configFile);
  const database = values.db ?? config.database ?? 'data/provider.sqlite';
  const email = values['demo-email'] ?? process.env['ZONE_DEMO_EMAIL'] ?? 'demo@zone.test';
  const password = values['demo-password'] ?? process.env['ZONE_DEMO_PASSWORD'] ?? 'zone-demo-password';
  const upstreamLocalAddress = values['upstream-local-address'];
  const smtpUrl = process.env['ZONE_SMTP_URL'];

  const provider = await startProvider({
    config,
    database: engineOf(database) === 'sqlite' ? resolve(database) : database,
    demoAccount: { email, password },
    upstreamLocalAddress,
    ...(smtpUrl
      ? { mail: { smtp: smtpFromUrl(smtpUrl), from: values['mail-from'] ?? 'Zone VPN <no-reply@localhost>' } }
      : {}),
    ...(values['site-url'] ? { siteUrl: values['site-url'] } : {}),
    ...(values['contact-email'] ? { contactEmail: values['contact-email'] } : {}),
    ...(values['token-key'] ? { tokenKey: { file: resolve(values['token-key']) } } : {}),
    ...(values['token-epoch-seconds'] ? { tokenEpochSeconds: Number(values['token-epoch-seconds']) } : {}),
    ...(values['next-token-key']
      ? {
          nextTokenKey: {
            file: resolve(values['next-token-key']),
            notBefore: Number(values['next-token-key-from'] ?? Math.floor(Date.now() / 1000) + 7 * 24 * 3600),
          },
        }
      : {}),
  });
  let demoSite: RunningDemoSite | undefined;
  if (values['demo-site-port'] !== undefined) {
    const port = Number(values['demo-site-port']);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--demo-site-port needs a port number');
    demoSite = await startDemoSite({ port, proxyAddress: upstreamLocalAddress });
  }

  console.log(`Zone VPN reference provider`);
  console.log(`  account service  ${provider.accountUrl}`);
  console.log(`  database         ${provider.database}`);
  console.log(`  demo account     ${email} / ${password}`);
  console.log(
    `  token issuer     ${provider.issuer.name}, key ${provider.issuer.fingerprint}, epochs of ${provider.issuer.epochSeconds} s`,
  );
  if (upstreamLocalAddress) console.log(`  upstream from    ${upstreamLocalAddress}`);
  for (const region of provider.regions) {
    const servers = region.servers.map((s) => `${s.scheme}://${s.host}:${s.port} (${s.id})`).join(', ');
    console.log(`  ${region.id.padEnd(8)} ${region.name}, ${region.city}: ${servers}`);
  }
  if (provider.tls) console.log(`  https proxies    SPKI sha256 ${provider.tls.spkiSha256}`);
  if (demoSite) console.log(`  demo site        ${demoSite.url}`);
  console.log(
    `  site             ${provider.accountUrl}/site/signup${smtpUrl ? '' : ' (no ZONE_SMTP_URL: sign-up off)'}`,
  );
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1); // a second signal: give up waiting
    stopping = true;
    void Promise.allSettled([provider.close(), demoSite?.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1); // also ends whatever had started before the failure
});
