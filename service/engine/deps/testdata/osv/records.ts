// OSV records written for Vigil's tests, in the shapes the real databases publish (GHSA npm, PyPA,
// Go vulndb, GHSA Maven/NuGet/Packagist/RubyGems, OpenSSF malicious packages, OSS-Fuzz GIT ranges, a
// withdrawn record, a Debian one Vigil does not index).
import type { OsvRecord } from '../../types';
import r0 from './DSA-5000-1.json';
import r1 from './GHSA-2099-comp-vers.json';
import r2 from './GHSA-2099-rack-last.json';
import r3 from './GHSA-2099-symf-0001.json';
import r4 from './GHSA-29mw-wpgm-hmr9.json';
import r5 from './GHSA-35jh-r3h4-6jhm.json';
import r6 from './GHSA-5crp-9r3c-p9vr.json';
import r7 from './GHSA-8489-44mv-ggj8.json';
import r8 from './GHSA-fr5h-rqp8-mj6g.json';
import r9 from './GHSA-jjjh-jjxp-wpff.json';
import r10 from './GHSA-p6mc-m468-83gw.json';
import r11 from './GHSA-xvch-5gv4-984h.json';
import r12 from './GO-2021-0113.json';
import r13 from './GO-2099-0001.json';
import r14 from './MAL-2024-1234.json';
import r15 from './OSV-2022-1074.json';
import r16 from './PYSEC-2021-142.json';
import r17 from './PYSEC-2023-74.json';
import r18 from './PYSEC-2099-1.json';
import r19 from './RUSTSEC-2099-0001.json';

export const TEST_OSV_RECORDS: readonly OsvRecord[] = [
  r0,
  r1,
  r2,
  r3,
  r4,
  r5,
  r6,
  r7,
  r8,
  r9,
  r10,
  r11,
  r12,
  r13,
  r14,
  r15,
  r16,
  r17,
  r18,
  r19,
] as OsvRecord[];
