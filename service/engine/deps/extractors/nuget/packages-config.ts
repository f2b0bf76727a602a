// packages.config (NuGet's pre-PackageReference format): every package the project restores, direct
// or not (the file does not say which), each with its exact version; developmentDependency="true"
// marks a development-only package (analyzers, build tools).
import type { PackageEntry, PackageExtractor } from '../../types';
import { attribute, childElement, childElements, parseXml } from '../xml';
import { nugetEntry, nugetVersion } from './entry';

const NAME = 'nuget/packages-config';

export const packagesConfigExtractor: PackageExtractor = {
  name: NAME,
  version: '1',
  wants: (path) => /(^|\/)packages(\.[^/]+)?\.config$/i.test(path),
  extract({ path, text }, warn) {
    const doc = parseXml(text);
    const root = childElement(doc.top, 'packages');
    if (!root) throw new Error('no <packages> element');
    const entries: PackageEntry[] = [];
    for (const element of childElements(root, 'package')) {
      const line = doc.lineOf(element);
      const id = attribute(element, 'id')?.trim();
      const written = attribute(element, 'version')?.trim();
      if (!id || !written) {
        warn({ code: 'parse-error', message: `line ${line ?? '?'}: <package> without id or version, skipped` });
        continue;
      }
      const dev = attribute(element, 'developmentDependency')?.trim().toLowerCase() === 'true';
      const { version, declared } = nugetVersion(written);
      entries.push(nugetEntry(NAME, path, id, version, { line, declared, scope: dev ? 'dev' : undefined }));
    }
    return entries;
  },
};
