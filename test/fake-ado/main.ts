// Run the fake Azure DevOps host by hand: `npx tsx test/fake-ado/main.ts [--port 8090] [--rate-limit-after N]`.
// Prints the organization URLs and the test credentials, then serves until Ctrl+C.
import { startFakeAdo } from './server';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(argValue('--port') ?? process.env.FAKE_ADO_PORT ?? 8090);
  const after = argValue('--rate-limit-after');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${argValue('--port')}`);
  const fake = await startFakeAdo({
    port,
    rateLimit: after ? { after: Number(after), retryAfterSeconds: 5 } : false,
  });
  const lines = [
    `Fake Azure DevOps listening on ${fake.url}`,
    '',
    `contoso   ${fake.orgUrl('contoso')}   (instanceId ${fake.orgs.contoso.id})`,
    `fabrikam  ${fake.orgUrl('fabrikam')}  (instanceId ${fake.orgs.fabrikam.id})`,
    '',
    'PATs (send as Basic base64(":" + PAT)):',
    `  contoso full scopes    ${fake.pats.full}`,
    `  contoso without code   ${fake.pats.noCode}`,
    `  contoso code only      ${fake.pats.codeOnly}`,
    `  contoso revoked        ${fake.pats.revoked}`,
    `  fabrikam full scopes   ${fake.pats.fabrikam}`,
    '',
    'Hub users (send as Bearer <token>):',
    ...Object.entries(fake.users).map(
      ([handle, u]) => `  ${handle.padEnd(14)} ${u.displayName.padEnd(16)} id ${u.id}  token ${u.accessToken}`,
    ),
    '',
    'Repositories:',
    ...(['contoso', 'fabrikam'] as const).flatMap((o) =>
      fake.orgs[o].projects.flatMap((p) =>
        p.repos.map(
          (r) =>
            `  ${o}/${p.name}/${r.name}${r.isDisabled ? ' (disabled)' : ''}${r.isEmpty ? ' (empty)' : ''}  head ${fake.orgs[o].headSha(r.name) ?? '-'}`,
        ),
      ),
    ),
    '',
    `Try: curl -u ":${fake.pats.full}" -H "X-TFS-FedAuthRedirect: Suppress" "${fake.orgUrl('contoso')}/_apis/projects?api-version=7.1"`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-ado: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
