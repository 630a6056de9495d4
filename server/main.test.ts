import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testConfig } from './test-support.ts';

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
});
