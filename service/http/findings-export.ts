// GET /api/v1/findings/export?format=csv|sarif&<the list's filters>: the whole filtered list (every
// page), streamed as an attachment. Same filters, order and visibility as GET /findings.
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { findingsQuerySchema, type FindingDto } from '../contract/api';
import { CATEGORY_LABELS, FINDING_STATE_LABELS, SEVERITY_LABELS } from '../contract/vocabulary';
import { csvCell, csvLine, exportedFindings, SarifLogWriter } from '../usecases/export-findings';
import { requireOrg } from './auth';
import { toFindingDto } from './dto';
import { findingFiltersOf, findingOrderOf, requireFindingsScope } from './findings-query';

const exportQuerySchema = findingsQuerySchema.omit({ cursor: true, limit: true, group: true }).extend({
  format: z.enum(['csv', 'sarif']),
  // The export covers the findings scans track; a pipeline run's own findings are in its CodeAnalysisLogs artifact.
  source: z.enum(['scan'], 'the export holds the findings of Vigil\'s scans only (source=scan)').optional(),
});

export { csvCell, csvLine };

/** The CSV's columns: what the list and the panel show, the secret's masked preview and never more. */
export const CSV_COLUMNS: [header: string, cell: (f: FindingDto) => string | number | undefined][] = [
  ['Severity', (f) => SEVERITY_LABELS[f.severity]],
  ['State', (f) => FINDING_STATE_LABELS[f.state] ?? f.state],
  ['Category', (f) => CATEGORY_LABELS[f.category] ?? f.category],
  ['Confidence', (f) => f.confidence],
  ['Rule', (f) => f.ruleId],
  ['Title', (f) => f.title],
  ['Message', (f) => f.message],
  ['Project', (f) => f.projectName],
  ['Repository', (f) => f.repositoryName],
  ['Path', (f) => (f.location.kind === 'ado-object' ? undefined : f.location.path)],
  ['Line', (f) => (f.location.kind === 'ado-object' ? undefined : f.location.line)],
  ['Location', (f) => f.locationText],
  ['Masked value', (f) => f.preview],
  ['Verification', (f) => f.verification?.state],
  ['First seen', (f) => f.firstSeenAt],
  ['Last seen', (f) => f.lastSeenAt],
  ['Fixed', (f) => f.fixedAt],
  ['Dismissal reason', (f) => f.dismissal?.reason],
  ['Dismissal comment', (f) => f.dismissal?.comment],
  ['Dismissed by', (f) => f.dismissal?.byName ?? f.dismissal?.by],
  ['Commit', (f) => f.commitSha],
  ['Link', (f) => f.webUrl],
  ['Finding id', (f) => f.id],
];

export function findingsExportRouter(ctx: AppContext, opts: { version?: string; informationUri?: string } = {}): Router {
  const r = Router();
  r.get('/findings/export', async (req, res) => {
    const org = requireOrg(req);
    const q = exportQuerySchema.parse(req.query);
    await requireFindingsScope(ctx, req, org.org_id, q);
    const rows = exportedFindings(ctx.store.db, org.org_id, findingFiltersOf(q), findingOrderOf(q));
    const day = new Date().toISOString().slice(0, 10);
    res.set('Cache-Control', 'no-store');
    res.set('X-Content-Type-Options', 'nosniff');
    if (q.format === 'csv') {
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="vigil-findings-${day}.csv"`);
      await stream(ctx, res, async (write) => {
        // The byte order mark tells Excel the file is UTF-8.
        await write(`\uFEFF${csvLine(CSV_COLUMNS.map(([h]) => h))}`);
        for await (const chunk of rows) await write(chunk.map((row) => csvLine(CSV_COLUMNS.map(([, cell]) => cell(toFindingDto(row, org.url))))).join(''));
      });
      return;
    }
    const sarif = new SarifLogWriter({ toolVersion: opts.version ?? '0.0.0', informationUri: opts.informationUri });
    res.set('Content-Type', 'application/sarif+json; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="vigil-findings-${day}.sarif"`);
    await stream(ctx, res, async (write) => {
      await write(sarif.head());
      for await (const chunk of rows) await write(sarif.results(chunk));
      await write(sarif.tail());
    });
  });
  return r;
}

/**
 * Writes the body piece by piece, waiting for the client to drain (memory stays at one chunk). A
 * failure before the first byte is an ordinary problem answer; after it, the connection is cut so
 * the client sees an incomplete download rather than a file that looks whole.
 */
export async function stream(ctx: AppContext, res: Response, body: (write: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
  let started = false;
  const write = async (text: string): Promise<void> => {
    if (!text) return;
    started = true;
    if (res.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.once('drain', done);
      res.once('close', done);
    });
    if (res.destroyed) throw new Error('the client went away');
  };
  try {
    await body(write);
    res.end();
  } catch (err) {
    if (!started) throw err;
    ctx.log.error({ err: (err as Error).message }, 'findings export failed while streaming');
    res.destroy(err as Error);
  }
}
