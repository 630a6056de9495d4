import { describe, expect, it } from 'vitest';
import { storedBytes, storedItems } from './storage-report';

describe('what is stored, key by key', () => {
  it('gives each key its size as the browser counts it (key + JSON value, UTF-8), never the value', () => {
    const items = storedItems(
      'local',
      { session: { token: 'secret-session-token', email: 'a@b.test' }, regionId: 'de-fra' },
      { session: 'the session', regionId: 'the region' },
    );
    expect(items).toEqual([
      { area: 'local', key: 'regionId', bytes: 'regionId"de-fra"'.length, described: true },
      {
        area: 'local',
        key: 'session',
        bytes: 'session{"token":"secret-session-token","email":"a@b.test"}'.length,
        described: true,
      },
    ]);
    expect(JSON.stringify(items)).not.toContain('secret-session-token');
  });

  it('counts bytes, not characters', () => {
    expect(storedBytes('k', 'é')).toBe(1 + 4);
  });

  it('a key outside the list of described keys is shown, marked as not described', () => {
    expect(storedItems('session', { stray: 1 }, {})).toEqual([
      { area: 'session', key: 'stray', bytes: 6, described: false },
    ]);
  });
});
