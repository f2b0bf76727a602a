// `npm run demo`: the fake ADO organization, the real service connected to it (embedded database in a
// temp dir), and the real hub bundles inside a fake ADO host frame. One URL to open.
//   --no-connect   leave the organization unconnected, to try the Connect page yourself
import { hostForStack } from '../host/stack-host';
import { openDemoPullRequest, scanDemoPullRequest } from './demo-pull-request';
import { startStack } from '../support/stack';

async function main(): Promise<void> {
  const connect = !process.argv.includes('--no-connect');
  const servicePort = Number(process.env.PORT ?? 8080);
  const hostPort = Number(process.env.VIGIL_DEMO_PORT ?? 3000);
  console.log('Starting the fake Azure DevOps organization and the Vigil service…');
  // ADO (the fake) reaches the service at its own address: connect subscribes to its events, and pushes or
  // pull requests made in the fake organization are delivered as service hook events.
  const env: Record<string, string> = servicePort ? { VIGIL_PUBLIC_URL: process.env.VIGIL_PUBLIC_URL ?? `http://127.0.0.1:${servicePort}` } : {};
  const stack = await startStack({ port: servicePort, env, logLevel: process.env.VIGIL_LOG_LEVEL ?? 'warn' });
  const { dev } = stack.users;
  // A pull request for the PR tab, scanned once the default branch is.
  const pullRequest = openDemoPullRequest(stack);
  const host = await hostForStack(stack, { port: hostPort, pullRequestId: pullRequest.pullRequestId });

  if (connect) {
    const started = Date.now();
    console.log('Connecting contoso and scanning its repositories…');
    await stack.connectAndScan();
    console.log(`  scanned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await scanDemoPullRequest(stack, pullRequest);
    console.log(`  pull request !${pullRequest.pullRequestId} scanned`);
  } else {
    console.log(`Not connected. On the Connect page use the organization URL ${stack.org.url} and the PAT ${stack.fakeAdo.pats.full}`);
  }

  console.log(`
Vigil demo is running.
  Open:             ${host.pageUrl('org-settings')}
  As a developer:   ${host.pageUrl('repo-security', dev.id)}
  Pull request tab: ${host.pageUrl('pr-tab', dev.id)}
  Service:          ${stack.serviceUrl}   (GET /healthz)
  Fake ADO org:     ${stack.org.url}
Press Ctrl-C to stop.`);

  const stop = async () => {
    console.log('\nStopping…');
    await host.close();
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error('The demo failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
