// The /api/v1 wire contract of bulk triage: one reason for many findings (the hub's Findings list).
// Same conventions as api.ts (zod schemas; the hub takes type-only imports).
//   POST /api/v1/findings/bulk-dismissal  { ids, reason, comment?, expires? }
//   POST /api/v1/findings/bulk-reopen     { ids }
// Each id is one alert, as with PUT/DELETE /findings/{id}/dismissal: every location of it changes.
// The answer says what happened to each id, in the order sent (duplicates once).
import { z } from 'zod';
import { dismissRequestSchema } from './api';

/** The most ids one request may carry. */
export const BULK_MAX_IDS = 500;

const ids = z
  .array(z.uuid('finding ids are UUIDs'))
  .min(1, 'name at least one finding')
  .max(BULK_MAX_IDS, `at most ${BULK_MAX_IDS} findings at a time`);

export const bulkDismissRequestSchema = dismissRequestSchema.extend({ ids });
export type BulkDismissRequest = z.infer<typeof bulkDismissRequestSchema>;

export const bulkReopenRequestSchema = z.object({ ids });
export type BulkReopenRequest = z.infer<typeof bulkReopenRequestSchema>;

/**
 * 'dismissed' / 'reopened': the alert changed; 'unchanged': it was already so (or nothing of it can
 * change: fixed); 'not-found': no such finding in the organization.
 */
export const BULK_OUTCOMES = ['dismissed', 'reopened', 'unchanged', 'not-found'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

export const bulkTriageResponseSchema = z.object({
  results: z.array(z.object({ id: z.string(), outcome: z.enum(BULK_OUTCOMES), locations: z.number().int().min(0) })),
  /** How many alerts changed. */
  changed: z.number().int().min(0),
});
export type BulkTriageResponse = z.infer<typeof bulkTriageResponseSchema>;
