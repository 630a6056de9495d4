/**
 * The 429 wait works in the product (issue 18, lost intents): after the account service answers
 * "too many attempts, retry after N s", the next attempt through the background is refused at once
 * with the remaining wait, and sends nothing.
 */
import { describe, expect, it } from 'vitest';
import { accountServices } from '../../support/account-services';
import { PASSWORD, setup } from '../../support/controller-harness';

describe('Retry-After through the controller', () => {
  it('a second login right after a 429 sends no request and says how long to wait', async () => {
    const services = accountServices((url) =>
      url.pathname === '/v1/sessions'
        ? new Response('{"error":{"code":"rateLimited","message":"slow down"}}', {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': '120' },
          })
        : undefined,
    );
    const t = setup({ accountApi: services.accountApi });
    const login = { name: 'login', input: { email: 'a@b.test', password: PASSWORD } };
    expect(await t.controller.onMessage(login)).toMatchObject({
      ok: false,
      error: { code: 'rateLimited', retryAfterSeconds: 120 },
    });
    const again = await t.controller.onMessage(login);
    expect(again).toMatchObject({ ok: false, error: { code: 'rateLimited' } });
    expect((again as { error: { retryAfterSeconds: number } }).error.retryAfterSeconds).toBeGreaterThan(100);
    expect(services.requests.filter((r) => r.path === '/v1/sessions')).toHaveLength(1);
  });
});
