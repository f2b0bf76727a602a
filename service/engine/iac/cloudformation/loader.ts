// The CloudFormation and SAM platform: each template file is one resource group of the 'aws' model.
// Nested stacks (AWS::CloudFormation::Stack, AWS::Serverless::Application) are resources of their own;
// their TemplateURL / Location is not followed, a local child template is scanned as a file of its own.
import { errorLine } from '../../error-text';
import type { IacResource, LoadContext, LoadResult, PlatformLoader } from '../types';
import { expandSam, isSamTemplate } from './sam';
import { evaluatorFor, parseTemplate, readResources, toIacResource, type TemplateSection } from './template';

export function loadTemplate(ctx: Pick<LoadContext, 'warn'>, path: string, text: string, detected: 'cloudformation' | 'sam'): IacResource[] {
  const parsed = parseTemplate(path, text, ctx.warn);
  if (!parsed) return [];
  const sam = isSamTemplate(parsed.value);
  const t: TemplateSection = {
    path,
    platform: sam ? 'sam' : detected,
    section: parsed.value,
    at: '',
    lines: parsed.lines,
    endLine: parsed.endLine,
    warn: ctx.warn,
  };
  const evaluator = evaluatorFor(t);
  const raws = readResources(t, evaluator);
  const resources = raws.filter((r) => !r.type.startsWith('AWS::Serverless::') || !sam).map((r) => toIacResource(t, r));
  if (sam) resources.push(...expandSam(t, raws, evaluator));
  return resources;
}

export const cloudFormationLoader: PlatformLoader = {
  name: 'cloudformation',
  platforms: ['cloudformation', 'sam'],
  load(ctx: LoadContext): LoadResult {
    const groups: LoadResult['groups'] = [];
    const claimed: string[] = [];
    for (const f of ctx.files) {
      if (f.platform !== 'cloudformation' && f.platform !== 'sam') continue;
      const text = ctx.text(f.path);
      if (text === undefined) continue;
      claimed.push(f.path);
      try {
        const resources = loadTemplate(ctx, f.path, text, f.platform);
        if (resources.length) groups.push({ resources });
      } catch (err) {
        ctx.warn({ code: 'parse-error', path: f.path, message: `line 1: the template could not be read: ${errorLine(err)}` });
      }
    }
    return { groups, claimed };
  },
};
