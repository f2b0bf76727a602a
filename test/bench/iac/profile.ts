// Profiling aid for the IaC scanner: scans one platform's share of the bench corpus (or all of it)
// in a loop and prints CPU ms per pass, parse-only and full. Run under `node --cpu-prof --import tsx`
// to see where the time goes:  node --cpu-prof --import tsx test/bench/iac/profile.ts kubernetes 20
// (0 passes: one scan, for its peak RSS with BENCH_SCALE=1).
import { iacRules } from '../../../service/engine/iac/rules';
import { platformLoaders } from '../../../service/engine/iac/platforms';
import { makeIacScanner } from '../../../service/engine/iac/scanner';
import type { IacPlatform } from '../../../service/engine/iac/types';
import { scanFiles } from '../../../service/engine/scan';
import { generateIacCorpus } from './corpus';

async function main(): Promise<void> {
  const platform = (process.argv[2] ?? 'all') as IacPlatform | 'all';
  const loops = Number(process.argv[3] ?? 10);
  const mode = process.argv[4] ?? 'both';
  const corpus = generateIacCorpus(Number(process.env.BENCH_SCALE ?? 0.3));
  const files = platform === 'all' ? Object.values(corpus).flat() : corpus[platform];
  const scanners = { parse: makeIacScanner(platformLoaders, []), full: makeIacScanner(platformLoaders, iacRules) };
  for (const [name, scanner] of Object.entries(scanners)) {
    if (mode !== 'both' && mode !== name) continue;
    await scanFiles(files, { scanners: [scanner] });
    const cpu = process.cpuUsage();
    for (let i = 0; i < loops; i++) await scanFiles(files, { scanners: [scanner] });
    const used = process.cpuUsage(cpu);
    const ms = (used.user + used.system) / 1000 / loops;
    const rss = process.resourceUsage().maxRSS / 1024;
    const rate = loops ? `${ms.toFixed(1)} ms CPU per pass, ${((files.length / ms) * 1000).toFixed(0)} files/CPU-s, ` : 'one scan, ';
    console.log(`${platform} ${name}: ${files.length} files, ${rate}peak RSS so far ${rss.toFixed(0)} MB`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
