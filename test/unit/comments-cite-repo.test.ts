/**
 * Comments cite only what is in this repository (issue 18): a comment in src/, server/, test/ or
 * scripts/ that names a markdown file or a relative path must name one that exists here. Browser
 * facts the code relies on live in docs/browser-facts.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FILES = execFileSync('git', ['ls-files', 'src', 'server', 'test', 'scripts'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(?:ts|tsx|js|mjs)$/.test(f));

/** The text of a line's comment: a line comment, or a line of a block comment. */
function commentOf(line: string): string | null {
  const trimmed = line.trim();
  if (/^(?:\/\/|\/\*|\*)/.test(trimmed)) return trimmed;
  const at = line.indexOf(' // ');
  return at === -1 ? null : line.slice(at);
}

/** Paths a comment cites: markdown files, and relative paths that climb out of the file's folder. */
function citations(comment: string): string[] {
  return [...comment.matchAll(/(?:[\w.-]+\/)*[\w.-]+\.md\b|(?:\.\.\/)+[\w./-]*/g)].map((m) => m[0]);
}

/** A citation is fine when it names a file or folder of this repository (from the root or the citing file). */
function inRepo(file: string, cited: string): boolean {
  return [join(ROOT, cited), resolve(ROOT, dirname(file), cited)].some(
    (path) => !relative(ROOT, path).startsWith('..') && existsSync(path),
  );
}

export function outsideCitations(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const comment = commentOf(line);
    if (!comment) return [];
    return citations(comment)
      .filter((cited) => !inRepo(file, cited))
      .map((cited) => `${file}:${index + 1}: ${cited}`);
  });
}

describe('comments cite only what is in this repository', () => {
  it('finds the files it checks', () => {
    expect(FILES.length).toBeGreaterThan(100);
  });

  it('no comment cites a note outside the repository', () => {
    const found = FILES.flatMap((file) => outsideCitations(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check sees a citation of a note outside the repository (positive control)', () => {
    // Built from parts, so this file's own lines hold no such comment.
    const slashes = '/'.repeat(2);
    const sample = `/** see notes/token-probe.md */\nconst a = 1; ${slashes} ../shared/facts.md`;
    expect(outsideCitations('src/x.ts', sample)).toEqual([
      'src/x.ts:1: notes/token-probe.md',
      'src/x.ts:2: ../shared/facts.md',
    ]);
    expect(outsideCitations('src/background/x.ts', '// docs/browser-facts.md and ../core/site.ts')).toEqual([]);
  });
});
