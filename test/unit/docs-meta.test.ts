/**
 * Docs that tests keep true (issue 18): the README's permission and storage tables and the
 * architecture's message and module tables are read against the sources, so a permission, stored key,
 * request or background module added without documenting it fails here until it is documented.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import source from '../../manifest.json';
import { manifestFor } from '../../scripts/manifest';
import { LOCAL_KEYS, SESSION_KEYS } from '../../src/shared/storage-keys';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The `code` names in the first column of the table under a heading of a markdown file. */
function firstColumn(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start, `heading ${heading}`).toBeGreaterThan(-1);
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(/\n#{1,6} /);
  const rows = (end === -1 ? rest : rest.slice(0, end)).split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2).flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

describe('docs kept true by the sources', () => {
  it('docs/architecture.md "Background modules" names every background module', () => {
    const documented = firstColumn(read('docs/architecture.md'), '## Background modules');
    const modules = readdirSync(join(ROOT, 'src/background')).filter((f) => f.endsWith('.ts') && !f.includes('.test.'));
    expect(modules.filter((f) => !documented.includes(f))).toEqual([]);
  });

  it('README "Permissions" names every permission of both built manifests', () => {
    const documented = firstColumn(read('README.md'), '## Permissions');
    for (const browser of ['chromium', 'firefox'] as const) {
      const manifest = manifestFor(source, browser) as Record<string, unknown>;
      const asked = [
        ...((manifest.permissions as string[]) ?? []),
        ...((manifest.optional_permissions as string[]) ?? []),
        ...((manifest.host_permissions as string[]) ?? []),
      ];
      expect(
        asked.filter((p) => !documented.includes(p)),
        browser,
      ).toEqual([]);
    }
  });

  it('README "What is stored" names every storage key', () => {
    const documented = firstColumn(read('README.md'), '## What is stored');
    expect([...Object.keys(LOCAL_KEYS), ...Object.keys(SESSION_KEYS)].filter((k) => !documented.includes(k))).toEqual(
      [],
    );
  });

  it('docs/architecture.md "Messages" names every request of src/shared/messages.ts', () => {
    const messages = read('src/shared/messages.ts');
    const requests = messages.slice(messages.indexOf('export interface Requests {'), messages.indexOf('\n}\n'));
    const names = [...requests.matchAll(/^ {2}(\w+)\(input/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    const documented = firstColumn(read('docs/architecture.md'), '## Messages');
    expect(names.filter((n) => !documented.includes(n))).toEqual([]);
  });

  it('every test file the docs name exists (a renamed or merged test leaves no stale proof behind)', () => {
    const skip = new Set(['node_modules', 'dist', '.git', 'artifacts', 'data']);
    const files = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        if (skip.has(entry.name)) continue;
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else files.add(entry.name);
      }
    };
    walk('.');
    const docs = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const missing = docs.flatMap((doc) =>
      [...read(doc).matchAll(/[\w.-]+\.(?:test|e2e)\.tsx?/g)]
        .map((m) => m[0].split('/').pop()!)
        .filter((name) => !files.has(name))
        .map((name) => `${doc}: ${name}`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it('no file holds a merge conflict left behind (prettier turns `>>>>>>>` into `> > > > > > >`)', () => {
    const marker = /^(<{7}|>{7}|(> ){6}>|={7}|\| ={7})( |$)/m;
    const skip = new Set(['node_modules', 'dist', '.git', 'artifacts', 'data']);
    const conflicted: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        if (skip.has(entry.name)) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(md|ts|tsx|mjs|json|css|html)$/.test(entry.name) && marker.test(read(path))) conflicted.push(path);
      }
    };
    walk('.');
    expect(conflicted).toEqual([]);
  });
});
