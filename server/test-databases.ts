/**
 * Fresh account databases on both engines for server tests: a SQLite file in a temp folder, or a
 * new database on one real PostgreSQL per test file (test/support/postgres.ts), started on first
 * use and removed after the file's tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startTestPostgres } from '../test/support/postgres.ts';
import type { TestPostgres } from '../test/support/postgres.ts';
import type { Engine } from './account/db/connect.ts';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface TestDatabases {
  /** A SQLite file path or a postgres:// URL of an empty database. */
  newDatabase(engine: Engine): Promise<string>;
  /** The file's PostgreSQL server (started on first call). */
  postgres(): Promise<TestPostgres>;
}

/** Call at the top of a test file: registers the clean-up. */
export function useTestDatabases(): TestDatabases {
  let server: Promise<TestPostgres> | undefined;
  let dir: Promise<string> | undefined;
  let count = 0;
  afterAll(async () => {
    await Promise.allSettled([
      server?.then((s) => s.dispose()),
      dir?.then((d) => rm(d, { recursive: true, force: true })),
    ]);
  });
  const postgres = (): Promise<TestPostgres> => (server ??= startTestPostgres());
  return {
    postgres,
    newDatabase: async (engine) => {
      count += 1;
      if (engine === 'postgres') return (await postgres()).createDatabase(`account_${count}`);
      return join(await (dir ??= mkdtemp(join(tmpdir(), 'zone-store-test-'))), `account-${count}.sqlite`);
    },
  };
}
