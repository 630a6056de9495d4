/**
 * A throw-away self-signed certificate for `https` (TLS) proxies, made with the openssl CLI at
 * start (Node can make keys but not X.509 certificates, and no certificate library is a
 * dependency). Key and certificate live in memory only; the temp folder is removed at once.
 * `spkiSha256` is what Chromium's --ignore-certificate-errors-spki-list wants.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ProxyServer } from '../../src/shared/provider-types.ts';
import type { TlsMaterial } from './proxy-server.ts';

export interface ProxyCertificate extends TlsMaterial {
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo. */
  spkiSha256: string;
}

export function spkiSha256(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** A P-256 certificate valid for 30 days for the given host names and IP addresses. */
export async function selfSignedCertificate(hosts: readonly string[]): Promise<ProxyCertificate> {
  const names = [...new Set([...hosts, 'localhost'])];
  const san = names.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  const dir = await mkdtemp(join(tmpdir(), 'zone-proxy-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    args.push('-days', '30', '-subj', '/CN=Zone VPN proxy', '-addext', `subjectAltName=${san}`);
    args.push('-keyout', keyFile, '-out', certFile);
    try {
      await promisify(execFile)('openssl', args, { timeout: 15_000 });
    } catch (error) {
      throw new Error(
        `Cannot make a self-signed certificate for the https proxies (is the openssl CLI installed?): ` +
          (error as Error).message,
        { cause: error },
      );
    }
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
    return { key, cert, spkiSha256: spkiSha256(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * TLS material when any server is `https` (or `extraHosts`, such as the connection check, need it):
 * the given one, else a fresh self-signed certificate for all those names.
 */
export async function tlsForServers(
  servers: readonly ProxyServer[],
  given: TlsMaterial | undefined,
  extraHosts: readonly string[] = [],
): Promise<TlsMaterial | undefined> {
  const hosts = [...servers.filter((s) => s.scheme === 'https').map((s) => s.host), ...extraHosts];
  if (hosts.length === 0) return undefined;
  return given ?? (await selfSignedCertificate(hosts));
}
