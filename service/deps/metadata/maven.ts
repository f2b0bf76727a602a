// Maven Central: the version's pom (<base>/<group path>/<artifact>/<version>/<artifact>-<version>.pom)
// for its <licenses>, and the artifact's maven-metadata.xml for the latest release and when it was
// last updated. Parsed with the extractors' XML reader (a DOCTYPE is refused, entities never expand).
// A license declared only in a parent pom is not followed (the parent is another download).
import { parseXml, type XmlElement } from '../../engine/deps/extractors/xml';
import type { PackageMetadata, PackageMetadataSource, SourceOptions } from './types';

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | undefined => {
  const raw = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as XmlElement)['#text'] : undefined;
  return typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
};
const child = (e: unknown, name: string): unknown => (e && typeof e === 'object' ? (e as XmlElement)[name] : undefined);

/** The pom's license names (or URLs when unnamed), joined with OR as Maven means several licenses. */
export function pomLicense(pom: string): string | undefined {
  const project = child(parseXml(pom).top, 'project');
  const names = asList(child(child(project, 'licenses'), 'license'))
    .map((l) => text(child(l, 'name')) ?? text(child(l, 'url')))
    .filter((n): n is string => !!n);
  if (names.length === 0) return undefined;
  return (names.length === 1 ? names[0] : `(${names.join(' OR ')})`).slice(0, 500);
}

/** maven-metadata.xml: <versioning><release> (or <latest>) and <lastUpdated> (yyyyMMddHHmmss, UTC). */
export function mavenVersioning(xml: string): Pick<PackageMetadata, 'latestVersion' | 'latestReleaseAt'> {
  const versioning = child(child(parseXml(xml).top, 'metadata'), 'versioning');
  const out: Pick<PackageMetadata, 'latestVersion' | 'latestReleaseAt'> = {};
  const latest = text(child(versioning, 'release')) ?? text(child(versioning, 'latest'));
  if (latest) out.latestVersion = latest;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text(child(versioning, 'lastUpdated')) ?? '');
  if (m) {
    const when = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    if (!Number.isNaN(when.getTime())) out.latestReleaseAt = when.toISOString();
  }
  return out;
}

const SAFE_PART = /^[A-Za-z0-9_.-]+$/;

export function mavenSource({ baseUrl, client }: SourceOptions): PackageMetadataSource {
  return {
    ecosystem: 'Maven',
    async fetch(name, version) {
      const [group, artifact, ...rest] = name.split(':');
      // Names and versions become URL paths: anything but plain coordinates is not asked for.
      if (!group || !artifact || rest.length > 0 || !SAFE_PART.test(group) || !SAFE_PART.test(artifact) || !SAFE_PART.test(version) || version.includes('..')) return undefined;
      const dir = `${baseUrl}/${group.split('.').join('/')}/${artifact}`;
      const pom = await client.getText(`${dir}/${version}/${artifact}-${version}.pom`, 'application/xml');
      if (pom === undefined) return undefined;
      const out: PackageMetadata = {};
      const license = pomLicense(pom);
      if (license) out.license = license;
      const metadata = await client.once(`maven:${name}`, async () => {
        const xml = await client.getText(`${dir}/maven-metadata.xml`, 'application/xml');
        return xml === undefined ? {} : mavenVersioning(xml);
      });
      return { ...out, ...metadata };
    },
  };
}
