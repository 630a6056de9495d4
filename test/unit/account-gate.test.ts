// The account gate's delay (a test oracle the transition scenarios rely on): a request through the
// gate can never arrive before `delayMs`, also on a kept-alive connection, and 0 restores the pass-through.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountGate, type AccountGate } from '../support/oracles/account-gate';

let service: http.Server;
let gate: AccountGate;
const arrivals: number[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(path: string): Promise<{ status: number; sentAt: number }> {
  const sentAt = Date.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${gate.url}${path}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sentAt }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  service = http.createServer((_req, res) => {
    arrivals.push(Date.now());
    res.end('ok');
  });
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  gate = await startAccountGate(`http://127.0.0.1:${(service.address() as AddressInfo).port}`);
});

afterAll(async () => {
  agent.destroy();
  await gate.close();
  await new Promise((r) => service.close(r));
});

describe('account gate', () => {
  it('forwards at once by default', async () => {
    expect((await get('/a')).status).toBe(200);
    expect(gate.connections).toBe(1);
  });

  it('delays every request by delayMs, on a kept-alive connection too', async () => {
    gate.delayMs = 400;
    for (const path of ['/b', '/c']) {
      const { status, sentAt } = await get(path);
      expect(status).toBe(200);
      expect(arrivals.at(-1)! - sentAt).toBeGreaterThanOrEqual(400 - 5);
    }
    expect(gate.connections).toBe(1); // the same connection: the delay is not per connection only
    gate.delayMs = 0;
  });

  it('refuses while stopped and forwards again after start', async () => {
    await gate.stop();
    agent.destroy();
    await expect(get('/d')).rejects.toThrow();
    await gate.start();
    expect((await get('/e')).status).toBe(200);
  });
});
