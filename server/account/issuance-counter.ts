/**
 * How many tokens each account took in each epoch, so one account cannot mint without limit.
 * Only the current and previous epoch's counts exist; older ones are deleted as time moves on.
 * This in-memory counter serves one account-service node; a fleet keeps it in the database.
 */
export interface IssuanceCounter {
  /** Adds `count` for (user, epoch) and returns true when the total stays within `limit`. */
  take(userId: number, epoch: number, count: number, limit: number): Promise<boolean>;
}

export function memoryIssuanceCounter(): IssuanceCounter {
  const counts = new Map<string, number>();
  let newest = -Infinity;
  return {
    async take(userId, epoch, count, limit) {
      if (epoch > newest) {
        newest = epoch;
        for (const key of counts.keys()) if (Number(key.split(':')[0]) < epoch - 1) counts.delete(key);
      }
      const key = `${epoch}:${userId}`;
      const total = (counts.get(key) ?? 0) + count;
      if (total > limit) return false;
      counts.set(key, total);
      return true;
    },
  };
}
