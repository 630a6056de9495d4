import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTestDatabases } from './test-databases.ts';
import { testConfig } from './test-support.ts';

const databases = useTestDatabases();

/** Runs the CLI until it prints "Ctrl+C" (resolves with its output) or exits (rejects). */
function runCli(args: string[], env: Record<string, string>) {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${out}`)), 15_000);
    child.stdout.on('data', () => {
      if (out.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited ${code}:\n${out}`));
    });
  });
  return { child, exited, started, output: () => out };
}

describe('CLI', () => {
  it('starts, prints where it listens and the demo account, and exits cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zone-cli-test-'));
    try {
      const configFile = join(dir, 'config.json');
      await writeFile(configFile, JSON.stringify(testConfig()));
      const main = fileURLToPath(new URL('./main.ts', import.meta.url));
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          main,
          '--config',
          configFile,
          '--db',
          join(dir, 'sub', 'p.sqlite'),
          '--demo-email',
          'cli@zone.test',
        ],
        { env: { ...process.env, ZONE_DEMO_PASSWORD: 'cli-password' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${out}`)), 15_000);
        child.stdout.on('data', () => {
          if (out.includes('Ctrl+C')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(out).toMatch(/account service\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(out).toContain('cli@zone.test / cli-password');
      expect(out).toMatch(/de-fra\s+Germany, Frankfurt: http:\/\/127\.0\.0\.1:\d+ \(de-fra-1\)/);
      const url = /account service\s+(\S+)/.exec(out)?.[1] ?? '';
      const login = await fetch(`${url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'cli@zone.test', password: 'cli-password' }),
      });
      expect(login.status).toBe(201);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses PostgreSQL from the config file, prints the URL without its password, and needs the rate-limit and issuer keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zone-cli-test-'));
    try {
      const database = await databases.newDatabase('postgres');
      const configFile = join(dir, 'config.json');
      await writeFile(configFile, JSON.stringify({ ...testConfig(), database }));
      const password = new URL(database).password;

      const keyFile = join(dir, 'issuer.pem');
      const refused = runCli(['--config', configFile, '--token-key', keyFile], { ZONE_RATE_LIMIT_KEY: '' });
      await expect(refused.started).rejects.toThrow(/set ZONE_RATE_LIMIT_KEY/);
      expect(await refused.exited).toBe(1);

      const noKey = runCli(['--config', configFile], { ZONE_RATE_LIMIT_KEY: 'cli-rate-limit-key-0123456789' });
      await expect(noKey.started).rejects.toThrow(/token issuer key file/);
      expect(await noKey.exited).toBe(1);

      const cli = runCli(['--config', configFile, '--token-key', keyFile], {
        ZONE_RATE_LIMIT_KEY: 'cli-rate-limit-key-0123456789',
      });
      const out = await cli.started;
      expect(out).toMatch(/database\s+postgres:\/\/zone_test:\*\*\*@127\.0\.0\.1:\d+\/account_\d+/);
      expect(out).not.toContain(password);
      const url = /account service\s+(\S+)/.exec(out)?.[1] ?? '';
      const login = await fetch(`${url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'demo@zone.test', password: 'zone-demo-password' }),
      });
      expect(login.status).toBe(201);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
