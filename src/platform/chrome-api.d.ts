// The few Chromium-only APIs the Chromium adapters use. webextension-polyfill has no metadata for
// `proxy` and describes Firefox's webRequest, so these adapters declare what they rely on.
declare namespace chrome {
  namespace proxy.settings {
    function set(details: { value: unknown; scope: 'regular' }): Promise<void>;
    function clear(details: { scope: 'regular' }): Promise<void>;
    function get(details: { incognito?: boolean }): Promise<{ levelOfControl: string; value: unknown }>;
    const onChange: { addListener(cb: () => void): void };
  }
  namespace declarativeNetRequest {
    interface Rule {
      id: number;
      priority: number;
      action: { type: 'block' | 'allow' };
      condition: { resourceTypes: string[]; excludedRequestDomains?: string[] };
    }
    interface Update {
      removeRuleIds?: number[];
      addRules?: Rule[];
    }
    function updateDynamicRules(update: Update): Promise<void>;
    function updateSessionRules(update: Update): Promise<void>;
  }
  namespace webRequest {
    interface AuthDetails {
      requestId: string;
      isProxy: boolean;
      challenger: { host: string; port: number };
      scheme: string;
    }
    type BlockingResponse = { cancel?: boolean; authCredentials?: { username: string; password: string } };
    const onAuthRequired: {
      addListener(
        cb: (details: AuthDetails, callback: (response: BlockingResponse) => void) => void,
        filter: { urls: string[] },
        extra: string[],
      ): void;
    };
  }
}
