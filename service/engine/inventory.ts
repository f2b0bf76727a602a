// The two-stage shape for inventories (osv-scalibr's): extractors turn files into items (packages,
// resources), then an evaluator matches the whole inventory against a read-only dataset the caller
// hands in through the scanner's options (advisories, license policy). The engine does no I/O beyond
// reading the tree; the dataset is the caller's.
import type { Category } from '../contract/vocabulary';
import { errorLine } from './error-text';
import type { ProjectScanner, ProjectView, RuleMeta, ScanContext, ScanOutput, Warn } from './types';

export interface Extractor<Item> {
  /** e.g. 'npm/package-lock'. */
  name: string;
  /** Bump when what it extracts changes. */
  version: string;
  /** Cheap path test (osv-scalibr's FileRequired). */
  wants(path: string, size: number): boolean;
  /**
   * Items of one file. Throwing is fine: the file becomes a 'parse-error' warning, the rest goes on.
   * `tree` reads other files of the same tree (a requirements file's -r include, a pom's local parent,
   * Directory.Packages.props); it never leaves the tree.
   */
  extract(file: { path: string; text: string }, warn: Warn, tree: TreeReader): Item[];
}

/** What an extractor may read besides its own file: the part of ProjectView it needs. */
export type TreeReader = Pick<ProjectView, 'has' | 'readText' | 'resolve' | 'files'>;

export interface InventorySpec<Item, Options> {
  name: string;
  version: string;
  category: Category;
  rules: readonly RuleMeta[];
  defaultOptions?: Options;
  extractors: readonly Extractor<Item>[];
  /**
   * Matches the inventory (every extracted item, in walk order) against the dataset found in
   * ctx.options. Returns notRun when the dataset it needs was not handed in.
   */
  evaluate(items: readonly Item[], ctx: ScanContext<Options>): Omit<ScanOutput, 'inventory'> | Promise<Omit<ScanOutput, 'inventory'>>;
}

/** A project scanner that extracts with `spec.extractors` and evaluates with `spec.evaluate`. */
export function inventoryScanner<Item, Options>(spec: InventorySpec<Item, Options>): ProjectScanner<Options> {
  return {
    kind: 'project',
    name: spec.name,
    version: spec.version,
    category: spec.category,
    rules: spec.rules,
    defaultOptions: spec.defaultOptions,
    wants: (path, size) => spec.extractors.some((e) => e.wants(path, size)),
    async scanProject(project: ProjectView, ctx: ScanContext<Options>): Promise<ScanOutput> {
      const items = extractAll(spec.extractors, project, ctx.warn);
      const out = await spec.evaluate(items, ctx);
      return { ...out, inventory: items };
    },
  };
}

/**
 * Scanners that share one extractor list (dependencies, licenses, package risk) extract a tree once:
 * the first extraction is kept per (extractor list, tree) for as long as the tree lives. Warnings go
 * to the scanner that extracted first.
 */
const extracted = new WeakMap<readonly Extractor<unknown>[], WeakMap<readonly object[], unknown[]>>();

export function extractAll<Item>(extractors: readonly Extractor<Item>[], project: ProjectView, warn: Warn): Item[] {
  let byTree = extracted.get(extractors);
  if (!byTree) extracted.set(extractors, (byTree = new WeakMap()));
  const known = byTree.get(project.files);
  if (known) return known as Item[];
  const items: Item[] = [];
  for (const file of project.wanted) {
    const wanting = extractors.filter((e) => e.wants(file.path, file.size));
    if (wanting.length === 0) continue;
    const text = project.readText(file.path);
    if (text === undefined) continue; // the view has warned
    for (const extractor of wanting) {
      try {
        const got = extractor.extract({ path: file.path, text }, (w) => warn({ ...w, path: w.path ?? file.path }), project);
        for (const item of got) items.push(item);
      } catch (err) {
        warn({ code: 'parse-error', path: file.path, message: `${extractor.name} could not read this file: ${errorLine(err)}` });
      }
    }
  }
  byTree.set(project.files, items);
  return items;
}
