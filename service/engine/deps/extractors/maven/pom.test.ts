import { pomExtractor } from './pom';
import { extractFiles } from '../testing';

interface Coordinates {
  groupId?: string;
  artifactId?: string;
  version?: string;
}
const dependencyXml = (d: Record<string, string>): string => `    <dependency>\n${Object.entries(d).map(([k, v]) => `      <${k}>${v}</${k}>\n`).join('')}    </dependency>\n`;

function pom(opts: { self?: Coordinates; parent?: Coordinates & { relativePath?: string }; properties?: Record<string, string>; managed?: Record<string, string>[]; dependencies?: Record<string, string>[]; extra?: string }): string {
  const self = opts.self ?? { groupId: 'com.contoso', artifactId: 'shop', version: '1.4.0' };
  const tag = (k: string, v?: string): string => (v === undefined ? '' : `  <${k}>${v}</${k}>\n`);
  const parent = opts.parent
    ? `  <parent>\n${Object.entries(opts.parent).map(([k, v]) => (k === 'relativePath' && v === '' ? '    <relativePath/>\n' : `    <${k}>${v}</${k}>\n`)).join('')}  </parent>\n`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">\n' +
    '  <modelVersion>4.0.0</modelVersion>\n' +
    parent +
    tag('groupId', self.groupId) +
    tag('artifactId', self.artifactId) +
    tag('version', self.version) +
    (opts.properties ? `  <properties>\n${Object.entries(opts.properties).map(([k, v]) => `    <${k}>${v}</${k}>\n`).join('')}  </properties>\n` : '') +
    (opts.managed ? `  <dependencyManagement>\n  <dependencies>\n${opts.managed.map(dependencyXml).join('')}  </dependencies>\n  </dependencyManagement>\n` : '') +
    (opts.dependencies ? `  <dependencies>\n${opts.dependencies.map(dependencyXml).join('')}  </dependencies>\n` : '') +
    (opts.extra ?? '') +
    '</project>\n'
  );
}

const summary = (p: { name: string; version: string; declared?: string; scope?: string }): string =>
  `${p.name}@${p.version}${p.declared !== undefined ? ` declared=${p.declared}` : ''}${p.scope ? ` scope=${p.scope}` : ''}`;

const dep = (artifact: string, more: Record<string, string> = {}): Record<string, string> => {
  const [groupId, artifactId] = artifact.split(':');
  return { groupId, artifactId, ...more };
};

describe('maven/pom', () => {
  it.each([
    ['a plain version', { dependencies: [dep('org.apache.commons:commons-text', { version: '1.9' })] }, ['org.apache.commons:commons-text@1.9']],
    ['a property', { properties: { 'jackson.version': '2.15.3' }, dependencies: [dep('com.fasterxml.jackson.core:jackson-databind', { version: '${jackson.version}' })] }, ['com.fasterxml.jackson.core:jackson-databind@2.15.3']],
    ['a property naming a property', { properties: { revision: '2.1', full: '${revision}.0' }, dependencies: [dep('a:b', { version: '${full}' })] }, ['a:b@2.1.0']],
    ['project.version and project.groupId', { dependencies: [dep('${project.groupId}:shop-core', { version: '${project.version}' })] }, ['com.contoso:shop-core@1.4.0']],
    ['the deprecated ${version} and ${pom.version}', { dependencies: [dep('a:b', { version: '${version}' }), dep('a:c', { version: '${pom.version}' })] }, ['a:b@1.4.0', 'a:c@1.4.0']],
    ['a managed version', { managed: [dep('org.yaml:snakeyaml', { version: '2.2' })], dependencies: [dep('org.yaml:snakeyaml')] }, ['org.yaml:snakeyaml@2.2']],
    ['the own version wins over the managed one', { managed: [dep('a:b', { version: '2.0' })], dependencies: [dep('a:b', { version: '1.0' })] }, ['a:b@1.0']],
    ['a managed version is per type and classifier', { managed: [dep('a:b', { version: '2.0', type: 'test-jar' })], dependencies: [dep('a:b', { version: '1.0' }), dep('a:b', { type: 'test-jar', scope: 'test' })] }, ['a:b@1.0', 'a:b@2.0 scope=test']],
    ['test scope', { dependencies: [dep('org.junit.jupiter:junit-jupiter', { version: '5.10.1', scope: 'test' })] }, ['org.junit.jupiter:junit-jupiter@5.10.1 scope=test']],
    ['provided and system scopes are build', { dependencies: [dep('jakarta.servlet:jakarta.servlet-api', { version: '6.0.0', scope: 'provided' }), dep('com.oracle:ojdbc', { version: '8', scope: 'system' })] }, ['jakarta.servlet:jakarta.servlet-api@6.0.0 scope=build', 'com.oracle:ojdbc@8 scope=build']],
    ['compile and runtime scopes are none', { dependencies: [dep('a:b', { version: '1', scope: 'compile' }), dep('a:c', { version: '1', scope: 'runtime' })] }, ['a:b@1', 'a:c@1']],
    ['a managed scope', { managed: [dep('a:b', { version: '1', scope: 'test' })], dependencies: [dep('a:b')] }, ['a:b@1 scope=test']],
    ['optional', { dependencies: [dep('a:b', { version: '1', optional: 'true' }), dep('a:c', { version: '1', optional: 'true', scope: 'test' }), dep('a:d', { version: '1', optional: 'false' })] }, ['a:b@1 scope=optional', 'a:c@1 scope=test', 'a:d@1']],
    ['a version range is no version', { dependencies: [dep('a:b', { version: '[1.0,2.0)' }), dep('a:c', { version: '[1.5]' })] }, ['a:b@ declared=[1.0,2.0)', 'a:c@ declared=[1.5]']],
    ['a range through a property', { properties: { r: '(,2.0]' }, dependencies: [dep('a:b', { version: '${r}' })] }, ['a:b@ declared=(,2.0]']],
    ['profiles and plugins are not read', { dependencies: [dep('a:b', { version: '1' })], extra: '  <build><plugins><plugin><groupId>p</groupId><artifactId>q</artifactId><version>1</version><dependencies>\n' + dependencyXml(dep('x:plugin-dep', { version: '1' })) + '</dependencies></plugin></plugins></build>\n  <profiles><profile><id>x</id><dependencies>\n' + dependencyXml(dep('x:profile-dep', { version: '1' })) + '</dependencies></profile></profiles>\n' }, ['a:b@1']],
    ['case matters in names', { dependencies: [dep('org.Apache:Thing', { version: '1' })] }, ['org.Apache:Thing@1']],
    ['entities of XML are decoded', { dependencies: [dep('a:b', { version: '1.0&#45;beta' })] }, ['a:b@1.0-beta']],
  ])('%s', async (_name, opts, want) => {
    const { packages, warnings } = await extractFiles(pomExtractor, { 'pom.xml': pom(opts) });
    expect(warnings).toEqual([]);
    expect(packages.map(summary)).toEqual(want);
    for (const p of packages) expect(p).toMatchObject({ ecosystem: 'Maven', direct: true, path: 'pom.xml', extractor: 'maven/pom' });
  });

  it('gives the purl and the line of each dependency', async () => {
    const text = pom({ dependencies: [dep('org.apache.logging.log4j:log4j-core', { version: '2.14.1' }), dep('a:b', { version: '1' })] });
    const { packages } = await extractFiles(pomExtractor, { 'pom.xml': text });
    const lines = text.split('\n');
    expect(packages.map((p) => p.line)).toEqual([lines.indexOf('    <dependency>') + 1, lines.lastIndexOf('    <dependency>') + 1]);
    expect(packages[0].purl).toBe('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  });

  it.each([
    ['no version and nothing manages it', { dependencies: [dep('org.springframework.boot:spring-boot-starter-web')] }, 'org.springframework.boot:spring-boot-starter-web@', /has no version here/],
    ['a property nobody defines', { dependencies: [dep('a:b', { version: '${b.version}' })] }, 'a:b@ declared=${b.version}', /names a property/],
    ['an environment property', { dependencies: [dep('a:b', { version: '${env.B_VERSION}' })] }, 'a:b@ declared=${env.B_VERSION}', /names a property/],
    ['a property naming itself', { properties: { v: '${v}' }, dependencies: [dep('a:b', { version: '${v}' })] }, 'a:b@ declared=${v}', /names a property/],
    ['properties naming each other many times (exponential if not remembered)', { properties: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, i === 29 ? '1' : `\${p${i + 1}}`.repeat(50)])), dependencies: [dep('a:b', { version: '${p0}' })] }, 'a:b@ declared=${p0}', /names a property/],
    ['an unclosed reference', { properties: { v: '${w' }, dependencies: [dep('a:b', { version: '${v}' })] }, 'a:b@ declared=${v}', /names a property/],
    ['two properties naming each other', { properties: { v: '${w}', w: '${v}' }, dependencies: [dep('a:b', { version: '${v}' })] }, 'a:b@ declared=${v}', /names a property/],
    [
      'a BOM imported from outside the tree',
      { managed: [dep('org.springframework.boot:spring-boot-dependencies', { version: '3.2.1', type: 'pom', scope: 'import' })], dependencies: [dep('org.springframework.boot:spring-boot-starter-web')] },
      'org.springframework.boot:spring-boot-starter-web@',
      /an imported BOM or a remote parent may manage it/,
    ],
  ])('%s: no version, never guessed, one unresolved-version warning naming it', async (_name, opts, want, message) => {
    const { packages, warnings } = await extractFiles(pomExtractor, { 'pom.xml': pom(opts) });
    expect(packages.map(summary)).toEqual([want]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'unresolved-version', path: 'pom.xml', message: expect.stringMatching(message) })]);
    expect(warnings[0].message).toContain(want.split('@')[0]);
  });

  it('skips a dependency whose coordinates cannot be resolved', async () => {
    const { packages, warnings } = await extractFiles(pomExtractor, { 'pom.xml': pom({ dependencies: [dep('${unknown}:b', { version: '1' }), { artifactId: 'no-group', version: '1' }] }) });
    expect(packages).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['unresolved-name', 'unresolved-name']);
  });

  describe('local parents', () => {
    const root = pom({
      self: { groupId: 'com.contoso', artifactId: 'shop-parent', version: '1.4.0-SNAPSHOT' },
      parent: { groupId: 'org.springframework.boot', artifactId: 'spring-boot-starter-parent', version: '3.2.1', relativePath: '' },
      properties: { 'guava.version': '32.1.3-jre', 'commons-text.version': '1.10.0' },
      managed: [dep('com.google.guava:guava', { version: '${guava.version}' }), dep('com.contoso:shop-core', { version: '${project.version}' }), dep('org.apache.commons:commons-text', { version: '${commons-text.version}', scope: 'test' })],
    });
    const child = (more: Partial<Parameters<typeof pom>[0]> = {}): string =>
      pom({ self: { artifactId: 'shop-api' }, parent: { groupId: 'com.contoso', artifactId: 'shop-parent', version: '1.4.0-SNAPSHOT' }, ...more });

    it('inherits properties, managed versions and scopes, and the version, from ../pom.xml', async () => {
      const { packages, warnings } = await extractFiles(pomExtractor, {
        'pom.xml': root,
        'shop-api/pom.xml': child({
          properties: { 'commons-text.version': '1.11.0' },
          dependencies: [dep('com.google.guava:guava'), dep('com.contoso:shop-core'), dep('org.apache.commons:commons-text'), dep('com.contoso:shop-model', { version: '${project.version}' })],
        }),
      });
      expect(warnings).toEqual([]);
      expect(packages.filter((p) => p.path === 'shop-api/pom.xml').map(summary)).toEqual([
        'com.google.guava:guava@32.1.3-jre',
        'com.contoso:shop-core@1.4.0-SNAPSHOT',
        // The child's property wins over the parent's, even in the parent's dependencyManagement.
        'org.apache.commons:commons-text@1.11.0 scope=test',
        'com.contoso:shop-model@1.4.0-SNAPSHOT',
      ]);
    });

    it('follows a relativePath to a folder or a file, several levels up', async () => {
      const { packages, warnings } = await extractFiles(pomExtractor, {
        'build/parent/pom.xml': root,
        'modules/mid.xml': pom({ self: { artifactId: 'shop-mid' }, parent: { groupId: 'com.contoso', artifactId: 'shop-parent', version: '1.4.0-SNAPSHOT', relativePath: '../build/parent' } }),
        'modules/api/pom.xml': child({ parent: { groupId: 'com.contoso', artifactId: 'shop-mid', version: '1.4.0-SNAPSHOT', relativePath: '../mid.xml' }, dependencies: [dep('com.google.guava:guava')] }),
      });
      expect(warnings).toEqual([]);
      expect(packages.map(summary)).toEqual(['com.google.guava:guava@32.1.3-jre']);
    });

    it.each([
      ['a parent with other coordinates', { groupId: 'com.contoso', artifactId: 'someone-else', version: '1' }],
      ['an empty relativePath (the repository only)', { groupId: 'com.contoso', artifactId: 'shop-parent', version: '1.4.0-SNAPSHOT', relativePath: '' }],
      ['a relativePath leaving the tree', { groupId: 'com.contoso', artifactId: 'shop-parent', version: '1.4.0-SNAPSHOT', relativePath: '../../../pom.xml' }],
      ['a relativePath to nothing', { groupId: 'com.contoso', artifactId: 'shop-parent', version: '1.4.0-SNAPSHOT', relativePath: '../nothing/pom.xml' }],
    ])('does not inherit from %s', async (_name, parent) => {
      const { packages, warnings } = await extractFiles(pomExtractor, { 'pom.xml': root, 'shop-api/pom.xml': child({ parent, dependencies: [dep('com.google.guava:guava')] }) });
      expect(packages.map(summary)).toEqual(['com.google.guava:guava@']);
      expect(warnings.map((w) => w.code)).toEqual(['unresolved-version']);
    });

    it('stops at a cycle with a warning', async () => {
      const a = pom({ self: { groupId: 'g', artifactId: 'a', version: '1' }, parent: { groupId: 'g', artifactId: 'b', version: '1', relativePath: '../b' }, properties: { x: '1.0' }, dependencies: [dep('d:d', { version: '${x}' })] });
      const b = pom({ self: { groupId: 'g', artifactId: 'b', version: '1' }, parent: { groupId: 'g', artifactId: 'a', version: '1', relativePath: '../a' }, dependencies: [dep('e:e', { version: '${x}' })] });
      const { packages, warnings } = await extractFiles(pomExtractor, { 'a/pom.xml': a, 'b/pom.xml': b });
      expect(packages.map((p) => `${p.path} ${summary(p)}`)).toEqual(['a/pom.xml d:d@1.0', 'b/pom.xml e:e@1.0']);
      expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['parent-cycle a/pom.xml', 'parent-cycle b/pom.xml']);
    });

    it('stops after ten parents with a warning', async () => {
      const files: Record<string, string> = {};
      let dir = '';
      for (let i = 0; i <= 12; i++) {
        files[`${dir}pom.xml`] = pom({ self: { groupId: 'g', artifactId: `m${i}`, version: '1' }, ...(i > 0 ? { parent: { groupId: 'g', artifactId: `m${i - 1}`, version: '1' } } : {}), ...(i === 12 ? { dependencies: [dep('a:b', { version: '1' })] } : {}) });
        dir += `m${i + 1}/`;
      }
      const { packages, warnings } = await extractFiles(pomExtractor, files);
      expect(packages.map(summary)).toEqual(['a:b@1']);
      expect(warnings.map((w) => w.code)).toEqual(['parent-depth', 'parent-depth']);
    });

    it('a broken parent gives nothing to inherit; its own warning is the only parse-error', async () => {
      const { packages, warnings } = await extractFiles(pomExtractor, { 'pom.xml': '<project><dependencies>', 'shop-api/pom.xml': child({ dependencies: [dep('com.google.guava:guava')] }) });
      expect(packages.map(summary)).toEqual(['com.google.guava:guava@']);
      expect(warnings.map((w) => `${w.code} ${w.path}`).sort()).toEqual(['parse-error pom.xml', 'unresolved-version shop-api/pom.xml']);
    });
  });

  it.each([
    ['an entity bomb', '<?xml version="1.0"?>\n<!DOCTYPE project [\n <!ENTITY a "1234567890">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n<project><properties><v>&c;</v></properties></project>'],
    ['an external entity', '<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<project><dependencies><dependency><groupId>&xxe;</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies></project>'],
    ['malformed XML', '<project>\n<dependencies>\n<dependency>\n</dependencies>\n</project>'],
    ['another root', '<settings/>'],
    ['empty text', ''],
  ])('%s is a parse-error warning and nothing else', async (_name, text) => {
    const { packages, warnings } = await extractFiles(pomExtractor, { 'pom.xml': text });
    expect(packages).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'pom.xml' })]);
  });

  it.each([
    ['pom.xml', true],
    ['services/api/pom.xml', true],
    ['pom.xml.bak', false],
    ['my-pom.xml', false],
  ])('wants %s: %s', (path, want) => expect(pomExtractor.wants(path, 10)).toBe(want));
});
