// Child process of the compliance benchmark: the generated organization (repositories only) served by the
// fake ADO behind ADO's rate limit (200 TSTU per sliding 5-minute window, test/bench/posture/cost.ts), its
// merged pull requests generated on demand (generated-prs.ts). Prints {url, now} once listening.
// Usage: fake.ts <fixturesDir> <org> <pullRequestsPerRepository> <tstuPerRequestScale>
import { startFakeAdo } from '../../fake-ado/server';
import { requestCost } from '../posture/cost';
import { generatedPullRequestRoutes } from './generated-prs';

async function main(): Promise<void> {
  const [dir, org, perRepo, scale] = process.argv.slice(2);
  const now = Date.now();
  const fake = await startFakeAdo({
    fixturesDir: dir,
    projectPageSize: 100,
    refPageSize: 100,
    listPageSize: 100,
    rateLimit: Number(scale) > 0 ? { tstu: 200, windowSeconds: 300, cost: (req) => requestCost(req) * Number(scale) } : false,
    extraRoutes: generatedPullRequestRoutes({ org, perRepo: Number(perRepo), now }),
  });
  // The request log would grow with every request: the benchmark counts on the client side.
  setInterval(() => fake.requests.splice(0, fake.requests.length), 1000).unref();
  process.stdout.write(`${JSON.stringify({ url: fake.url, now })}\n`);
  process.once('SIGTERM', () => {
    void fake.close().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench fake: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
