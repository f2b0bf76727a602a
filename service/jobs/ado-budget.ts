// The ADO request budgets of this installation: a token bucket per identity and organization in the
// database (store/ado-budgets.ts), shared by every process, handed to the ADO clients (client-pool.ts)
// as their RequestBudget. VIGIL_ADO_BUDGET_REQUESTS per VIGIL_ADO_BUDGET_WINDOW_SECONDS, at most
// VIGIL_ADO_BUDGET_BURST at once; 0 requests: no budget.
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestBudget, RequestBudgets } from '../ado/request-budget';
import type { Store } from '../store/db';
import { ensureAdoBudget, pauseAdoRequests, takeAdoRequest, type BudgetSettings } from '../store/ado-budgets';

/** A waiter looks again at least this often (another process may have been paused or refilled meanwhile). */
const MAX_WAIT_MS = 2_000;

export function databaseRequestBudgets(store: Pick<Store, 'db'>, settings: BudgetSettings): RequestBudgets {
  if (settings.requests <= 0) return () => undefined;
  const budgets = new Map<string, RequestBudget>();
  return (key) => {
    let budget = budgets.get(key);
    if (!budget) {
      if (budgets.size >= 1000) budgets.delete(budgets.keys().next().value!);
      budget = databaseRequestBudget(store, key, settings);
      budgets.set(key, budget);
    }
    return budget;
  };
}

function databaseRequestBudget(store: Pick<Store, 'db'>, key: string, settings: BudgetSettings): RequestBudget {
  let ensured: Promise<void> | undefined;
  const ensure = () =>
    (ensured ??= ensureAdoBudget(store.db, key, settings).catch((err: unknown) => {
      ensured = undefined;
      throw err;
    }));
  return {
    async take(signal) {
      await ensure();
      for (;;) {
        signal?.throwIfAborted();
        const wait = await takeAdoRequest(store.db, key, settings);
        if (wait === 0) return;
        if (wait === undefined) {
          ensured = undefined; // removed meanwhile: create it again
          await ensure();
          continue;
        }
        await sleep(Math.min(Math.max(wait, 10), MAX_WAIT_MS), undefined, { signal });
      }
    },
    async pause(ms) {
      await ensure();
      await pauseAdoRequests(store.db, key, ms);
    },
  };
}
