/**
 * Password hashing with node:crypto scrypt, stored self-describing as
 * `scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>`, so the cost can change and old hashes
 * still verify with their own cost. `verifyAgainstDummy` spends the same work for unknown emails,
 * so a login for an unknown email takes about as long as one with a wrong password.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  /** CPU/memory cost, a power of two >= 1024. */
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

/**
 * At most this many scrypt runs at once per process: two fewer than libuv's thread pool has
 * threads (`UV_THREADPOOL_SIZE`, 4 by default). scrypt runs on that pool, and the PostgreSQL
 * client needs it too for a new connection's SCRAM handshake: with every thread busy hashing, a
 * login burst made new database connections take 13-15 s, past the pool's connect timeout, and
 * logins answered 503 (docs/deploy.md, fleet load). The waiting logins queue here instead, in
 * arrival order. A node on a machine with more cores uses them by raising `UV_THREADPOOL_SIZE`.
 */
export const MAX_CONCURRENT_KDF = Math.max(1, (Number(process.env.UV_THREADPOOL_SIZE) || 4) - 2);
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_KDF) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return limited(() => scryptOnce(password, salt, cost));
}

function scryptOnce(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; allow twice that (Node's default cap is 32 MiB).
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const actual = await derive(password, salt, { N, r, p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Hashes new passwords at one cost and keeps a throw-away hash of that cost for unknown emails. */
export class PasswordHasher {
  readonly cost: ScryptCost;
  #dummy: Promise<string> | undefined;

  constructor(cost: ScryptCost = DEFAULT_SCRYPT_COST) {
    if (!(cost.N >= 1024 && (cost.N & (cost.N - 1)) === 0 && cost.r >= 1 && cost.p >= 1)) {
      throw new Error('scrypt cost needs N a power of two >= 1024, r >= 1, p >= 1');
    }
    this.cost = cost;
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, this.cost);
  }

  /** Computes the throw-away hash (call at start so the first unknown email is not slower). */
  prepare(): Promise<string> {
    this.#dummy ??= hashPassword(randomBytes(16).toString('base64url'), this.cost);
    return this.#dummy;
  }

  /** Runs the KDF against the throw-away hash; always false. */
  async verifyAgainstDummy(password: string): Promise<false> {
    await verifyPassword(password, await this.prepare());
    return false;
  }
}
