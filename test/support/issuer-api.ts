/**
 * The token half of the account API for controller tests: a real issuer (node:crypto blind
 * signing, server/tokens/issuer.ts) behind the client's own directory parsing, so the extension's
 * real minting code runs. Records each call in `calls` ('directory', 'tokens').
 */
import type { AccountApi } from '../../src/core/account-api';
import { DirectoryAnswer, issuerFromDirectory } from '../../src/core/issuer-directory';
import { testIssuer } from '../../server/tokens/test-tokens';
import * as v from 'valibot';

export function issuerApi(calls: string[] = [], options: { epochSeconds?: number; now?: () => number } = {}) {
  const { issuer } = testIssuer({ epochSeconds: options.epochSeconds ?? 3600 });
  const now = options.now ?? Date.now;
  let signed = 0;
  const api: Pick<AccountApi, 'issuerDirectory' | 'issueTokens'> = {
    issuerDirectory: async () => {
      calls.push('directory');
      return issuerFromDirectory(v.parse(DirectoryAnswer, issuer.directory(now())), now());
    },
    issueTokens: async (_session, requests) => {
      calls.push('tokens');
      signed += requests.length;
      return requests.map((request) => issuer.sign(request).toString('base64url'));
    },
  };
  return { api, issuer, signed: () => signed };
}
