/**
 * How many tokens each account took in each epoch, so one account cannot mint without limit. The
 * counts live in the database (`token_issuance`), so every account-service node enforces the same
 * limit; only the current and previous epoch's rows exist, older ones are deleted as epochs pass.
 */
import type { AccountStore } from './store.ts';

export interface IssuanceCounter {
  /** Adds `count` for (user, epoch) and returns true when the total stays within `limit`. */
  take(userId: number, epoch: number, count: number, limit: number): Promise<boolean>;
}

export function storeIssuanceCounter(store: AccountStore): IssuanceCounter {
  let dropped = -Infinity;
  return {
    async take(userId, epoch, count, limit) {
      if (epoch - 1 > dropped) {
        await store.dropIssuanceBefore(epoch - 1);
        dropped = epoch - 1;
      }
      return store.takeIssuance(userId, epoch, count, limit);
    },
  };
}
