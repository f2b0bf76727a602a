// The Terraform platform loader: .tf folders evaluated as root modules (with the local modules they
// call), and plan JSON. Both give resources of the terraform model, so every terraform rule runs on
// both. It runs first and claims the .tf and .tfvars files it read (module folders included).
//
// Choices, where Terraform itself needs a command line or the network:
// - Variables: defaults < terraform.tfvars(.json) < *.auto.tfvars(.json). Any other *.tfvars in the root's
//   folder is a possible -var-file; a variable stays known only when all of them agree (tfvars.ts).
// - count / for_each: known collections of at most MAX_INSTANCES give one resource per instance
//   (`x.y[0]`, `x.y["k"]`, as plans name them; count = 0 gives none); unknown or larger ones give one
//   resource for the block with count.index / each.key / each.value Unknown (module.ts).
// - Modules: local sources, and remote ones `terraform init` installed under .terraform/modules, are
//   expanded; other remote sources are not fetched (one 'module-not-fetched' warning per source).
// - override files are not merged; .tf.json is read as HCL (tfjson.ts).
import { errorLine } from '../../error-text';
import type { LoadContext, LoadResult, PlatformLoader, ResourceGroup } from '../types';
import { evaluateRoot } from './module';
import { loadPlan } from './plan';
import { readVariableFiles } from './tfvars';
import { folderOf, TerraformTree } from './tree';

export const terraformLoader: PlatformLoader = {
  name: 'terraform',
  platforms: ['terraform', 'terraform-plan'],
  load(ctx: LoadContext): LoadResult {
    const groups: ResourceGroup[] = [];
    const claimed = new Set<string>();

    for (const f of ctx.files) {
      if (f.platform !== 'terraform-plan') continue;
      const text = ctx.text(f.path);
      if (text === undefined) continue;
      claimed.add(f.path);
      const resources = loadPlan(f.path, text, ctx.warn);
      if (resources.length) groups.push({ resources });
    }

    const tfFiles = ctx.files.filter((f) => f.platform === 'terraform' && /\.tf(?:\.json)?$/i.test(f.path));
    const varFiles = ctx.files.filter((f) => f.platform === 'terraform' && /\.tfvars(?:\.json)?$/i.test(f.path));
    if (tfFiles.length) {
      const tree = new TerraformTree(ctx, ctx.warn);
      const warnedSources = new Set<string>();
      for (const root of tree.roots(tfFiles.map((f) => folderOf(f.path)))) {
        try {
          const vars = readVariableFiles(tree.varFiles(root), (p) => tree.text(p), ctx.warn);
          const resources = evaluateRoot(root, vars, { tree, warn: ctx.warn, warnedSources, installed: tree.installedModules(root) });
          if (resources.length) groups.push({ resources });
        } catch (err) {
          // One root the evaluator cannot follow (a bug, a value built to exhaust the stack) does not cost the others.
          ctx.warn({ code: 'parse-error', path: root || '.', message: `the Terraform module in ${root || 'the root folder'} could not be evaluated: ${errorLine(err)}` });
        }
      }
      for (const p of tree.consumed) claimed.add(p);
    }
    // Variable files beside no module are nobody else's either.
    for (const f of varFiles) claimed.add(f.path);
    for (const f of tfFiles) claimed.add(f.path);
    return { groups, claimed: [...claimed] };
  },
};
