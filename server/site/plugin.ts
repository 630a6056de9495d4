/**
 * The provider's website under /site on the account service: the cookie and form plugins registered
 * in this scope only (the JSON API keeps its parsers and has no cookies), the site's headers, an
 * HTML error page (a failed CSRF check of server/site/guard.ts is a 403 page), and the routes.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { isDatabaseUnavailable } from '../account/db/unavailable.ts';
import type { SiteContext } from './context.ts';
import { ContactPage, PrivacyPage } from './pages.tsx';
import type { MessageKey } from './pages.tsx';
import { seeOther, sendMessage, sendPage } from './render.ts';
import { SITE_BODY_LIMIT, installSiteHeaders } from './security.ts';
import { passwordRoutes } from './password.ts';
import { sessionSiteRoutes } from './session.ts';
import { signupRoutes } from './signup.ts';
import { installSweep } from './sweep.ts';
import { SITE_CSS } from './style.ts';

const ERROR_MESSAGES: Readonly<Record<number, MessageKey>> = {
  403: 'formExpired',
  413: 'tooLarge',
  415: 'notUnderstood',
};

export async function sitePlugin(app: FastifyInstance, site: SiteContext): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: SITE_BODY_LIMIT });
  installSiteHeaders(app);
  installSweep(app, site.account.store);

  app.setErrorHandler((error: unknown, _request, reply) => {
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    if (isDatabaseUnavailable(error)) {
      void reply.header('retry-after', '5');
      return sendMessage(reply, 503, 'unavailable');
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendMessage(reply, status, ERROR_MESSAGES[status] ?? 'badRequest');
    }
    return sendMessage(reply, 500, 'internal');
  });

  app.get('/style.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(SITE_CSS));
  app.get('/', async (_request, reply) => seeOther(reply, '/site/signup'));
  app.get('/privacy', async (_request, reply) => sendPage(reply, 200, h(PrivacyPage, {})));
  app.get('/contact', async (_request, reply) => sendPage(reply, 200, h(ContactPage, { email: site.contactEmail })));
  signupRoutes(app, site);
  sessionSiteRoutes(app, site);
  passwordRoutes(app, site);
}
