// Registry answers in the real registries' shapes (trimmed to the fields Vigil reads plus some it
// ignores), published on the fake host under the base URLs FakeOsvHost.registries gives.
import type { FakeOsvHost } from './server';

export interface FakeVersion {
  version: string;
  license?: string;
  deprecated?: string;
  /** ISO time of the release. */
  published: string;
  yanked?: boolean;
}

/** npm packument at <registries.npm>/<name> (scoped names as @scope%2Fname, which the server decodes). */
export function publishNpm(fake: FakeOsvHost, name: string, versions: FakeVersion[], latest: string): void {
  const live = versions.filter((v) => !v.yanked);
  fake.put(`/npm/${name}`, JSON.stringify({
    _id: name,
    name,
    'dist-tags': { latest },
    versions: Object.fromEntries(live.map((v) => [v.version, { name, version: v.version, license: v.license, ...(v.deprecated ? { deprecated: v.deprecated } : {}), dist: { tarball: `https://registry.npmjs.org/${name}/-/${name}-${v.version}.tgz` } }])),
    time: { created: versions[0].published, modified: '2099-01-01T00:00:00.000Z', ...Object.fromEntries(versions.map((v) => [v.version, v.published])) },
  }));
}

/** PyPI JSON at <registries.pypi>/pypi/<name>/json. */
export function publishPypi(fake: FakeOsvHost, name: string, versions: FakeVersion[], info: { license?: string; license_expression?: string; classifiers?: string[] }): void {
  fake.put(`/pypi/pypi/${name}/json`, JSON.stringify({
    info: { name, version: versions.filter((v) => !v.yanked).at(-1)?.version, license: info.license ?? null, license_expression: info.license_expression ?? null, classifiers: info.classifiers ?? [] },
    releases: Object.fromEntries(
      versions.map((v) => [v.version, [{ filename: `${name}-${v.version}.tar.gz`, upload_time_iso_8601: v.published, yanked: !!v.yanked, yanked_reason: v.yanked ? 'broken build' : null }]]),
    ),
  }));
}

/** NuGet registration index at <registries.nuget>/v3/registration5-gz-semver2/<id>/index.json; `paged` leaves the page out (fetched from its @id). */
export function publishNuget(fake: FakeOsvHost, id: string, versions: FakeVersion[], opts: { paged?: boolean } = {}): void {
  const lower = id.toLowerCase();
  const base = `${fake.registries.nuget}/v3/registration5-gz-semver2/${lower}`;
  const items = versions.map((v) => ({
    '@id': `${base}/${v.version}.json`,
    catalogEntry: {
      id,
      version: v.version,
      licenseExpression: v.license ?? '',
      listed: !v.yanked,
      published: v.yanked ? '1900-01-01T00:00:00+00:00' : v.published,
      ...(v.deprecated ? { deprecation: { reasons: ['Legacy'], message: v.deprecated } } : {}),
    },
  }));
  const page = { '@id': `${base}/page/1.json`, count: items.length, lower: versions[0].version, upper: versions.at(-1)!.version };
  fake.put(`/nuget/v3/registration5-gz-semver2/${lower}/index.json`, JSON.stringify({ count: 1, items: [opts.paged ? page : { ...page, items }] }));
  if (opts.paged) fake.put(`/nuget/v3/registration5-gz-semver2/${lower}/page/1.json`, JSON.stringify({ ...page, items }));
}

/** Maven Central pom and maven-metadata.xml under <registries.maven>. */
export function publishMaven(fake: FakeOsvHost, coordinates: string, version: string, licenses: string[], latest: { version: string; lastUpdated: string }): void {
  const [group, artifact] = coordinates.split(':');
  const dir = `/maven/${group.split('.').join('/')}/${artifact}`;
  fake.put(`${dir}/${version}/${artifact}-${version}.pom`, {
    contentType: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>${group}</groupId><artifactId>${artifact}</artifactId><version>${version}</version>
  <licenses>${licenses.map((l) => `<license><name>${l}</name><distribution>repo</distribution></license>`).join('')}</licenses>
</project>
`,
  });
  fake.put(`${dir}/maven-metadata.xml`, {
    contentType: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<metadata><groupId>${group}</groupId><artifactId>${artifact}</artifactId>
  <versioning><latest>${latest.version}</latest><release>${latest.version}</release><versions><version>${version}</version><version>${latest.version}</version></versions><lastUpdated>${latest.lastUpdated}</lastUpdated></versioning>
</metadata>
`,
  });
}
