// A request budget the transport asks before each request to ADO leaves, so that every process using
// one identity in one organization stays under ADO's rate limit together (ADO meters an identity's
// usage in TSTUs over a sliding five minutes: ado-rest.md §14). The store-backed budget is made in
// jobs/ado-budget.ts; the ADO client only knows this interface.

export interface RequestBudget {
  /** Resolves when one more request may leave; rejects with the signal's reason when it aborts. */
  take(signal?: AbortSignal): Promise<void>;
  /** ADO answered 429 with Retry-After: no request of this identity leaves, in any process, for `ms`. */
  pause(ms: number): Promise<void>;
}

/** The budget of one identity in one organization (`identityKey` names both, hashed), or none. */
export type RequestBudgets = (identityKey: string) => RequestBudget | undefined;
