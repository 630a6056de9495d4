/**
 * Hostile proxy credentials for the token verifiers (the reference proxy and the Squid helper
 * run the same cases): each must be refused, and the verifier must go on answering.
 */
import { createHash } from 'node:crypto';
import { testIssuer } from './test-tokens.ts';

export interface HostileCase {
  name: string;
  username: string;
  password: string;
}

const flipBit = (text: string, byte: number, bit = 0): string => {
  const bytes = Buffer.from(text, 'base64url');
  bytes[byte] = (bytes[byte] ?? 0) ^ (1 << bit);
  return bytes.toString('base64url');
};
const withType = (text: string, type: number): string => {
  const bytes = Buffer.from(text, 'base64url');
  bytes.writeUInt16BE(type, 0);
  return bytes.toString('base64url');
};
const nameOf = (password: string): string =>
  createHash('sha256').update(Buffer.from(password, 'base64url')).digest('hex').slice(0, 16);

/** Where valid tokens come from: a test issuer, or a running provider's account service. */
export interface TokenSource {
  name: string;
  epochSeconds: number;
  epochNow(): number;
  mint(needs: Array<{ regionId: string; epoch?: number }>): Promise<Array<{ username: string; password: string }>>;
}

/** At least 40 cases against `issuer`'s region `regionId`, current epoch. */
export async function hostileCases(issuer: TokenSource, regionId: string): Promise<HostileCase[]> {
  const epoch = issuer.epochNow();
  const [valid, other, otherRegion, past, future, farFuture] = await issuer.mint([
    { regionId },
    { regionId },
    { regionId: `${regionId}-other` },
    { regionId, epoch: epoch - 2 },
    { regionId, epoch: epoch + 1 },
    { regionId, epoch: epoch + 100 },
  ]);
  const [otherKey] = await testIssuer({ key: 1, name: issuer.name, epochSeconds: issuer.epochSeconds }).mint([
    { regionId },
  ]);
  const [otherName] = await testIssuer({ name: 'impostor.test', epochSeconds: issuer.epochSeconds }).mint([
    { regionId },
  ]);
  const v = valid!;
  const t = v.password;
  const cases: HostileCase[] = [
    { name: 'empty password', username: v.username, password: '' },
    { name: 'empty username', username: '', password: t },
    { name: 'both empty', username: '', password: '' },
    { name: 'username of another token', username: other!.username, password: t },
    { name: 'username in upper case', username: v.username.toUpperCase(), password: t },
    { name: 'username 1000 characters', username: 'a'.repeat(1000), password: t },
    { name: 'username with a colon', username: `${v.username}:x`, password: t },
    { name: 'truncated by one character', username: v.username, password: t.slice(0, -1) },
    { name: 'truncated to half', username: v.username, password: t.slice(0, t.length / 2) },
    { name: 'one character appended', username: v.username, password: `${t}A` },
    { name: '64 KB password', username: v.username, password: 'A'.repeat(65_536) },
    { name: '64 KB of a repeated token', username: v.username, password: t.repeat(139) },
    {
      name: 'standard base64 with padding',
      username: v.username,
      password: `${Buffer.from(t, 'base64url').toString('base64')}`,
    },
    { name: 'padding appended', username: v.username, password: `${t}==` },
    { name: 'a "+" inside', username: v.username, password: `${t.slice(0, 10)}+${t.slice(11)}` },
    { name: 'a "/" inside', username: v.username, password: `${t.slice(0, 10)}/${t.slice(11)}` },
    { name: 'a space inside', username: v.username, password: `${t.slice(0, 10)} ${t.slice(11)}` },
    { name: 'a NUL inside', username: v.username, password: `${t.slice(0, 10)}\u0000${t.slice(11)}` },
    { name: 'non-ASCII characters', username: v.username, password: `${t.slice(0, 10)}é${t.slice(11)}` },
    {
      name: 'non-canonical last character',
      username: v.username,
      password: `${t.slice(0, -1)}${t.at(-1) === 'A' ? 'B' : String.fromCharCode((t.at(-1) ?? 'A').charCodeAt(0) ^ 1)}`,
    },
    { name: 'token type 0x0001', username: nameOf(withType(t, 1)), password: withType(t, 1) },
    { name: 'token type 0x0003', username: nameOf(withType(t, 3)), password: withType(t, 3) },
    { name: 'token type 0x0000', username: nameOf(withType(t, 0)), password: withType(t, 0) },
    ...[2, 5, 33, 40, 65, 70, 97, 98, 150, 250, 353].map((byte) => {
      const flipped = flipBit(t, byte, byte % 8);
      return { name: `bit flip in byte ${byte}`, username: nameOf(flipped), password: flipped };
    }),
    { name: 'bit flip, username of the original', username: v.username, password: flipBit(t, 200) },
    { name: 'a key not in the directory', username: otherKey!.username, password: otherKey!.password },
    { name: 'another issuer name', username: otherName!.username, password: otherName!.password },
    { name: 'a token for another region', username: otherRegion!.username, password: otherRegion!.password },
    { name: 'two epochs ago (replay after its epoch)', username: past!.username, password: past!.password },
    { name: 'the next epoch (future)', username: future!.username, password: future!.password },
    { name: 'epoch + 100', username: farFuture!.username, password: farFuture!.password },
    {
      name: "one token's input with another's signature",
      username: nameOf(
        Buffer.concat([
          Buffer.from(t, 'base64url').subarray(0, 98),
          Buffer.from(other!.password, 'base64url').subarray(98),
        ]).toString('base64url'),
      ),
      password: Buffer.concat([
        Buffer.from(t, 'base64url').subarray(0, 98),
        Buffer.from(other!.password, 'base64url').subarray(98),
      ]).toString('base64url'),
    },
    {
      name: 'all zero bytes',
      username: nameOf(Buffer.alloc(354).toString('base64url')),
      password: Buffer.alloc(354).toString('base64url'),
    },
    {
      name: 'type 2 then zeros',
      username: nameOf(withType(Buffer.alloc(354).toString('base64url'), 2)),
      password: withType(Buffer.alloc(354).toString('base64url'), 2),
    },
    {
      name: 'random bytes',
      username: v.username,
      password: Buffer.from(Array.from({ length: 354 }, (_, i) => (i * 37 + 11) % 256)).toString('base64url'),
    },
    {
      name: 'the old HMAC credential format',
      username: 'LEKZxpRfxvZBZkAa207g8w',
      password: '1893456000000.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    },
    { name: 'the text "null"', username: v.username, password: 'null' },
    { name: 'password equals the username', username: v.username, password: v.username },
    { name: 'the token as the username', username: t, password: v.username },
  ];
  return cases;
}
