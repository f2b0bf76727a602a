import type { RequestHandler } from 'express';

export interface LandingFacts {
  version: string;
  /** How many organizations are connected; names are never shown on this public page. */
  organizations: number | 'unknown';
  ready: boolean;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The page `npm start` points a newcomer at: what Vigil is, whether it is healthy, how to go on. */
export function renderLandingPage(facts: LandingFacts): string {
  const orgs =
    facts.organizations === 'unknown'
      ? 'unknown (the database did not answer)'
      : facts.organizations === 0
        ? 'none yet'
        : String(facts.organizations);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigil ${escapeHtml(facts.version)}</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#201f1e;line-height:1.5}
code,pre{background:#f3f2f1;border-radius:3px;padding:0 .25rem}pre{padding:.5rem;overflow-x:auto}
dt{font-weight:600}dd{margin:0 0 .5rem 0}
</style>
</head>
<body>
<main>
<h1>Vigil ${escapeHtml(facts.version)}</h1>
<p>Agentless security for Azure DevOps: Vigil discovers every repository of a connected organization,
scans each default branch for exposed secrets, vulnerable dependencies, licenses and package risk,
assesses the organization's DevOps posture, and shows the results inside Azure DevOps
(Organization settings › Vigil, Project settings › Vigil, Repos › Security, a pull request's Vigil tab).</p>
<p>This address is the service behind the extension; the product itself is used from Azure DevOps.</p>

<h2>Status</h2>
<dl>
<dt>Health</dt><dd>${facts.ready ? 'ready' : 'not ready'} (<a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>)</dd>
<dt>Connected organizations</dt><dd>${orgs}</dd>
<dt>API</dt><dd><code>/api/v1</code> (called by the hub pages with an Azure DevOps app token)</dd>
</dl>

<h2>Try it without an Azure DevOps organization</h2>
<pre>npm run demo</pre>
<p>It starts a fake Azure DevOps organization, a connected service and the hub pages in a fake Azure DevOps
frame, and prints the address to open.</p>

<h2>Install the extension in your organization</h2>
<ol>
<li>Package it with <code>npm run package</code> and upload the <code>.vsix</code> to your Marketplace publisher; share it with your organization.</li>
<li>In Azure DevOps: Organization settings › Extensions › Shared › Install (a Project Collection Administrator).</li>
<li>Set <code>VIGIL_APP_SECRET</code> to the extension's certificate and restart this service.</li>
<li>Open Organization settings › Vigil and connect the organization with a personal access token.</li>
</ol>
<p>The README's "Package, publish privately, install" section has every step and setting.</p>
</main>
</body>
</html>
`;
}

export function landingPage(
  version: string,
  countOrganizations: () => Promise<number>,
  ready: () => Promise<{ ok: boolean }>,
): RequestHandler {
  return async (_req, res) => {
    const [organizations, health] = await Promise.all([
      countOrganizations().catch((): 'unknown' => 'unknown'),
      ready().catch(() => ({ ok: false })),
    ]);
    res.type('html').set('Cache-Control', 'no-store').send(renderLandingPage({ version, organizations, ready: health.ok }));
  };
}
