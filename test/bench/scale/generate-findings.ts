// Findings generated straight into the store for the findings API at scale (bench:scale): `count`
// findings spread over the organization's repositories, in the mix a large organization shows (most
// open, some fixed and dismissed; every severity; secrets, dependencies, code and IaC; a few secrets
// verified live; secrets found in two or three places share their group). One INSERT … SELECT per
// 100,000 rows, so a million takes a minute or two rather than hours of scans.
import type { Pool } from 'pg';

export interface GeneratedFindingsSpec {
  orgId: string;
  repos: { repoId: string; projectId: string }[];
  count: number;
}

const CHUNK = 100_000;

export async function generateFindings(pool: Pool, spec: GeneratedFindingsSpec): Promise<void> {
  const repoIds = spec.repos.map((r) => r.repoId);
  const projectIds = spec.repos.map((r) => r.projectId);
  for (let from = 0; from < spec.count; from += CHUNK) {
    const to = Math.min(spec.count, from + CHUNK);
    await pool.query(
      `
      WITH repos AS (SELECT * FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS r(repo_id, project_id, i)),
      rows AS (
        SELECT g,
               (ARRAY['secret','secret','deps','deps','code','iac'])[1 + g % 6] AS category,
               1 + (g * 7) % 5 AS rank,
               CASE WHEN g % 20 = 0 THEN 'fixed' WHEN g % 20 = 1 THEN 'dismissed' ELSE 'open' END AS state
        FROM generate_series($4::int, $5::int - 1) AS g
      )
      INSERT INTO findings (org_id, finding_id, repo_id, project_id, fingerprint, group_key, rule_id, category, severity,
                            severity_rank, confidence, title, message, location, details, remediation, state,
                            first_seen_scan, last_seen_scan, first_seen_at, last_seen_at, verification, verified_at, verification_provider, fixed_at)
      SELECT $1, gen_random_uuid(), r.repo_id, r.project_id, 'gen-' || x.g,
             CASE WHEN x.category = 'secret' THEN 'gen-secret-' || (x.g / 3) ELSE 'gen-' || x.g END,
             x.category || '/rule-' || (x.g % 40), x.category,
             (ARRAY['critical','high','medium','low','info'])[x.rank], x.rank,
             (ARRAY['high','medium','low'])[1 + x.g % 3],
             'Generated ' || x.category || ' finding ' || x.g, 'A generated finding for the scale benchmark',
             jsonb_build_object('path', 'src/module-' || (x.g % 50) || '/file-' || (x.g % 997) || '.js', 'startLine', 1 + x.g % 300),
             CASE WHEN x.category = 'deps' THEN jsonb_build_object('extra', jsonb_build_object('direct', x.g % 2 = 0, 'fixedVersions', CASE WHEN x.g % 3 = 0 THEN '["1.2.3"]'::jsonb ELSE '[]'::jsonb END))
                  ELSE '{}'::jsonb END,
             'Fix it', x.state, '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000',
             now() - make_interval(hours => x.g % 2000), now() - make_interval(mins => x.g % 5000),
             CASE WHEN x.category = 'secret' AND x.g % 97 = 0 THEN 'verified' ELSE NULL END,
             CASE WHEN x.category = 'secret' AND x.g % 97 = 0 THEN now() ELSE NULL END,
             CASE WHEN x.category = 'secret' AND x.g % 97 = 0 THEN 'github' ELSE NULL END,
             CASE WHEN x.state = 'fixed' THEN now() ELSE NULL END
      FROM rows AS x JOIN repos AS r ON r.i = 1 + x.g % $6`,
      [spec.orgId, repoIds, projectIds, from, to, repoIds.length],
    );
  }
  await pool.query('ANALYZE findings');
}
