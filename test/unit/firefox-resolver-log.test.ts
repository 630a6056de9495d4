import { describe, expect, it } from 'vitest';
import { parseResolverLog } from '../support/oracles/firefox-dns';

// Lines as Firefox ESR 153 writes them with MOZ_LOG=nsHostResolver:5.
const LOG = `[Parent 1: Main Thread]: D/nsHostResolver nsHostResolver::Init this=7f3aefd0d1a0
[Parent 1: Socket Thread]: D/nsHostResolver Resolving host [Resolved-One.test]<^partitionKey=%28http%2Cresolved-one.test%29> type 0. [this=7f]
[Parent 1: Socket Thread]: D/nsHostResolver   No usable record in cache for host [resolved-one.test] type 0.
[Parent 1: DNS Resolver #1]: E/nsHostResolver DNS resolve task - Calling getaddrinfo for host [resolved-one.test].
[Parent 1: Socket Thread]: D/nsHostResolver Resolving host [127.0.0.1]<^partitionKey=%28http%2Cother.test%29> type 0. [this=7f]
[Parent 1: Socket Thread]: D/nsHostResolver Resolving host [two.test] type 0. [this=7f]
[Parent 1: Socket Thread]: D/nsHostResolver Resolving host [two.t`;

describe('parseResolverLog', () => {
  it('lists each resolver request once, lower-cased, with forced addresses as they are', () => {
    expect(parseResolverLog(LOG)).toEqual(['resolved-one.test', '127.0.0.1', 'two.test']);
  });
});
