// Child process of the posture benchmark: generates the big organization, serves it from the fake ADO
// behind ADO's rate limit (200 TSTU per sliding 5-minute window) and prints {url} once listening.
// Usage: fake.ts <dir> <projects> <pipelines> <connections> <repos> <users> <tstuPerRequestScale>
import { startFakeAdo } from '../../fake-ado/server';
import { generateFixtures } from './generate';
import { requestCost } from './cost';

async function main(): Promise<void> {
  const [dir, projects, pipelines, connections, repos, users, scale] = process.argv.slice(2);
  const t0 = performance.now();
  generateFixtures(dir, { projects: Number(projects), pipelines: Number(pipelines), connections: Number(connections), repos: Number(repos), users: Number(users) });
  const generateMs = performance.now() - t0;
  const fake = await startFakeAdo({
    fixturesDir: dir,
    projectPageSize: 100,
    refPageSize: 100,
    listPageSize: 100,
    rateLimit: { tstu: 200, windowSeconds: 300, cost: (req) => requestCost(req) * Number(scale) },
  });
  // The request log would grow with every request: the benchmark counts on the client side.
  setInterval(() => fake.requests.splice(0, fake.requests.length), 1000).unref();
  process.stdout.write(`${JSON.stringify({ url: fake.url, generateMs })}\n`);
  process.once('SIGTERM', () => {
    void fake.close().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench fake: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
