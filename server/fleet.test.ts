/**
 * Two account-service nodes on one real PostgreSQL behind a real HAProxy (test/support/fleet.ts):
 * the shared login limit, and a node going away under a signed-in user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_DEMO, startTestFleet } from '../test/support/fleet.ts';
import type { TestFleet } from '../test/support/fleet.ts';
import { api } from './test-support.ts';

describe('fleet: two nodes, one PostgreSQL, HAProxy in front', () => {
  let fleet: TestFleet;

  beforeAll(async () => {
    fleet = await startTestFleet({ nodes: 2 });
  }, 60_000);
  afterAll(() => fleet?.dispose());

  it('11 wrong passwords spread over both nodes hit the one limit of 10', async () => {
    const nodes = new Set<string>();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const answer = await api(fleet.url, 'POST', '/v1/sessions', {
        body: { email: 'target@zone.test', password: `guess-${i}` },
        // One client address for the series, as HAProxy passes it on.
        headers: { 'x-forwarded-for': '198.51.100.7' },
      });
      statuses.push(answer.status);
      nodes.add(answer.headers.get('x-zone-node') ?? '');
    }
    expect([...nodes].sort()).toEqual(['node1', 'node2']);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
  });

  it('a node taken out of rotation gets no requests until it is put back', async () => {
    const servedBy = async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++) seen.add((await fetch(`${fleet.url}/healthz`)).headers.get('x-zone-node') ?? '');
      return [...seen].sort();
    };
    await fleet.setNodeEnabled('node2', false);
    expect(fleet.inRotation).toEqual(['node1']);
    expect(await servedBy()).toEqual(['node1']);
    await fleet.setNodeEnabled('node2', true);
    expect(fleet.inRotation).toEqual(['node1', 'node2']);
    expect(await servedBy()).toEqual(['node1', 'node2']);
  });

  it('a node that served the login stops: the session and the next login still work', async () => {
    const first = await api(fleet.url, 'POST', '/v1/sessions', { body: FLEET_DEMO });
    expect(first.status).toBe(201);
    const served = first.headers.get('x-zone-node') ?? '';
    expect(served).toMatch(/^node[12]$/);
    await fleet.stopNode(served);

    for (let i = 0; i < 3; i++) {
      const account = await api(fleet.url, 'GET', '/v1/account', { token: first.body.token });
      expect(account.status).toBe(200);
      expect(account.headers.get('x-zone-node')).not.toBe(served);
    }
    const next = await api(fleet.url, 'POST', '/v1/sessions', { body: FLEET_DEMO });
    expect(next.status).toBe(201);
    expect(next.headers.get('x-zone-node')).not.toBe(served);
  }, 30_000);
});

describe('fleet: nodes in processes of their own (what bench/fleet-load.ts runs)', () => {
  it('a node in its own process answers through HAProxy and exits with the fleet', async () => {
    const fleet = await startTestFleet({ nodes: 1, processes: true });
    const [node] = fleet.nodes;
    try {
      expect(node?.pid).not.toBe(process.pid);
      const answer = await api(fleet.url, 'POST', '/v1/sessions', { body: FLEET_DEMO });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-zone-node')).toBe('node1');
    } finally {
      await fleet.dispose();
    }
    expect(() => process.kill(node!.pid, 0)).toThrow(); // gone
  }, 60_000);
});
