/** A test client for the site that behaves like a browser without scripts: a cookie jar, forms. */

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  /** The form's CSRF token on this page, if any. */
  csrf: string | undefined;
}

export class SiteClient {
  readonly jar = new Map<string, string>();
  /** Every Set-Cookie header received, in order (for the cookie audit). */
  readonly setCookies: string[] = [];

  constructor(readonly base: string) {}

  async get(path: string): Promise<Page> {
    return this.#send(path, { method: 'GET' });
  }

  /** Posts an urlencoded form; `_csrf` is added from `csrf` unless it is null. */
  async post(
    path: string,
    fields: Record<string, string>,
    init: { csrf?: string | null; rawBody?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const form = new URLSearchParams(fields);
    if (init.csrf) form.set('_csrf', init.csrf);
    return this.#send(path, {
      method: 'POST',
      headers: { 'content-type': init.contentType ?? 'application/x-www-form-urlencoded', ...init.headers },
      body: init.rawBody ?? form.toString(),
    });
  }

  /**
   * Submits the page's form posting to `action` as a browser would: its hidden fields (the CSRF
   * token, a link's token) plus `fields`.
   */
  async submit(page: Page, action: string, fields: Record<string, string> = {}): Promise<Page> {
    const form = new RegExp(`<form method="post" action="${action}">([\\s\\S]*?)</form>`).exec(page.html)?.[1];
    if (form === undefined) throw new Error(`no form posting to ${action} on the page`);
    const hidden: Record<string, string> = {};
    for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      hidden[name!] = value!;
    }
    return this.post(action, { ...hidden, ...fields });
  }

  async #send(path: string, init: RequestInit): Promise<Page> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(new URL(path, this.base), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const html = await response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    return { status: response.status, headers: response.headers, html, csrf };
  }
}
