// The Kustomize loader: every kustomization no other kustomization refers to is built like
// `kustomize build` and its objects become 'kustomize' resources; the files a build read are claimed,
// so a base's manifests are judged through the overlays that use them, not also as plain manifests.
import { posix } from 'node:path';
import { objectResource } from '../kubernetes/resources';
import type { LoadContext, LoadResult, PlatformLoader, ResourceGroup } from '../types';
import { buildKustomization, referencedKustomizations, type KustomizeTree } from './build';

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

function treeOf(ctx: LoadContext): KustomizeTree {
  let folders: Set<string> | undefined;
  return {
    text: (p) => ctx.text(p),
    has: (p) => ctx.project.has(p),
    resolve: (from, rel) => {
      if (rel.startsWith('/') || rel.includes('\0')) return undefined;
      const p = posix.normalize(posix.join(from || '.', rel)).replace(/\/+$/, '');
      if (p === '..' || p.startsWith('../')) return undefined;
      return p === '.' ? '' : p;
    },
    isFolder: (p) => {
      if (!folders) {
        folders = new Set();
        for (const f of ctx.project.files) for (let d = dirOf(f.path); d && !folders.has(d); d = dirOf(d)) folders.add(d);
      }
      return folders.has(p);
    },
    warn: ctx.warn,
  };
}

/** The kustomizations to build: those no other kustomization uses, then any left over (a cycle with no way in). */
function roots(tree: KustomizeTree, files: readonly string[]): string[] {
  const used = new Set<string>();
  for (const f of files) for (const r of referencedKustomizations(tree, f)) if (r !== f) used.add(r);
  return files.filter((f) => !used.has(f));
}

export const kustomizeLoader: PlatformLoader = {
  name: 'kustomize',
  platforms: ['kustomize'],
  load(ctx: LoadContext): LoadResult {
    const files = ctx.files.filter((f) => f.platform === 'kustomize').map((f) => f.path);
    if (!files.length) return { groups: [] };
    const tree = treeOf(ctx);
    const claimed = new Set<string>();
    const groups: ResourceGroup[] = [];
    const build = (file: string) => {
      const { objects, prov, consumed } = buildKustomization(tree, file);
      for (const p of consumed) claimed.add(p);
      const dir = dirOf(file);
      const resources = objects.map((o) =>
        objectResource(o.value, {
          path: o.file,
          platform: 'kustomize',
          line: o.line,
          endLine: o.endLine,
          lineOf: (p) => prov.lineOf(o.value, p),
          addressSuffix: dir ? ` [${dir}]` : '',
          meta: { kustomization: file },
        }),
      );
      if (resources.length) groups.push({ resources });
    };
    for (const f of roots(tree, files)) build(f);
    for (const f of files) if (!claimed.has(f)) build(f);
    return { groups, claimed: [...claimed] };
  },
};
