import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proxyCredentialsFor, startTestProvider, testConfig } from '../test-support.ts';
import { proxyConnect, startRecordingOrigin } from './test-clients.ts';
import { selfSignedCertificate, spkiSha256 } from './tls.ts';

describe('proxy schemes', () => {
  it('serves https (TLS) proxies with a self-signed certificate', async () => {
    const origin = await startRecordingOrigin();
    // No key is committed: the certificate is made at start (openssl, installed by scripts/ensure-browsers.mjs).
    const tls = await selfSignedCertificate(['127.0.0.1']);
    const provider = await startTestProvider({ config: testConfig(['https']), tls });
    try {
      const server = provider.regions[0]!.servers[0]!;
      expect(server.scheme).toBe('https');
      expect(provider.tls?.spkiSha256).toBe(spkiSha256(tls.cert));
      const target = { host: server.host, port: server.port, tls: true };
      expect((await proxyConnect(target, `127.0.0.1:${origin.port}`)).status).toBe(407);
      const creds = await proxyCredentialsFor(provider.accountUrl, provider.regions[0]!.id);
      const ok = await proxyConnect(target, `127.0.0.1:${origin.port}`, creds);
      expect(ok.status).toBe(200);
      expect(ok.tunnelled).toMatch(/hello$/);
    } finally {
      await provider.dispose();
      await origin.close();
    }
  });

  it('refuses socks5 servers at start with a clear message', async () => {
    const config = testConfig();
    config.regions[0]!.servers[0]!.scheme = 'socks5';
    await expect(startTestProvider({ config })).rejects.toThrow(/socks5.*not supported/);
  });
});

describe('self-signed certificates', () => {
  it("are made with the openssl CLI for the https servers' hosts", async () => {
    const made = await selfSignedCertificate(['127.0.0.1', 'proxy.test']);
    const cert = new X509Certificate(made.cert);
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.subjectAltName).toContain('DNS:proxy.test');
    expect(cert.checkPrivateKey(createPrivateKey(made.key))).toBe(true);
    expect(made.spkiSha256).toBe(spkiSha256(made.cert));
  });
});
