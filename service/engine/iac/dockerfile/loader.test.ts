import { loadDockerfile, parseImageRef } from './loader';
import { isUnknown } from '../values';
import type { DockerStage } from './loader';

test('stages carry the base image with global ARG defaults substituted, and every instruction its lines', () => {
  const r = loadDockerfile('svc/Dockerfile', 'ARG BASE=node:20-alpine\nARG TAG\nFROM ${BASE} AS build\nRUN npm ci && \\\n  npm run build\nFROM nginx:${TAG:-1.27}\nCOPY --from=build /out /usr/share/nginx/html\nUSER nginx\n');
  const stages = r.attributes.stages as DockerStage[];
  expect(stages.map((s) => [s.image, s.name, s.tag, s.alias])).toEqual([
    ['node:20-alpine', 'node', '20-alpine', 'build'],
    ['nginx:1.27', 'nginx', '1.27', null],
  ]);
  expect(stages[0].instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([['FROM', 3, 3], ['RUN', 4, 5]]);
  expect(stages[1].instructions[1].flags).toEqual({ from: 'build' });
  expect(r.lineOf('stages[1].instructions[2]')).toEqual({ line: 8 });
  expect(r.lineOf('stages[1].image')).toEqual({ line: 6 });
  expect(r).toMatchObject({ address: 'Dockerfile svc/Dockerfile', line: 1, endLine: 9 });
});

test('an ARG without a value makes the image unknown; image references split into name, tag and digest', () => {
  const r = loadDockerfile('Dockerfile', 'ARG BASE\nFROM $BASE\n');
  expect(isUnknown((r.attributes.stages as DockerStage[])[0].image)).toBe(true);
  expect(parseImageRef('registry.local:5000/team/app:1.4@sha256:ab')).toEqual({ name: 'registry.local:5000/team/app', tag: '1.4', digest: 'sha256:ab' });
  expect(parseImageRef('registry.local:5000/team/app')).toEqual({ name: 'registry.local:5000/team/app', tag: null, digest: null });
});

test('text that is not a Dockerfile gives no stages, not a crash', () => {
  const r = loadDockerfile('Dockerfile', '\u0000\u0001 garbage {{{\n\uFFFD\n');
  expect(r.attributes.stages).toEqual([]);
});
