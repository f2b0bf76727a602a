import { gradleLockfileExtractor } from './gradle-lockfile';
import { extractFiles } from '../testing';

const HEADER = '# This is a Gradle generated file for dependency locking.\n# Manual edits can break the build and are not advised.\n# This file is expected to be part of source control.\n';

describe('maven/gradle-lockfile', () => {
  it.each([
    ['a main class path module', 'com.fasterxml.jackson.core:jackson-databind:2.15.3=compileClasspath,productionRuntimeClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath', 'com.fasterxml.jackson.core:jackson-databind@2.15.3'],
    ['test class paths only', 'org.junit.jupiter:junit-jupiter-api:5.10.1=testCompileClasspath,testRuntimeClasspath', 'org.junit.jupiter:junit-jupiter-api@5.10.1 scope=test'],
    ['other test suites', 'org.testcontainers:postgresql:1.19.3=integrationTestCompileClasspath,integrationTestRuntimeClasspath,testFixturesRuntimeClasspath', 'org.testcontainers:postgresql@1.19.3 scope=test'],
    ['a compile class path in a file locking no runtime class path says nothing', 'org.projectlombok:lombok:1.18.30=annotationProcessor,compileClasspath', 'org.projectlombok:lombok@1.18.30'],
    ['annotation processors and kapt only', 'com.google.dagger:dagger-compiler:2.50=annotationProcessor,kapt,testAnnotationProcessor', 'com.google.dagger:dagger-compiler@2.50 scope=build'],
    ['developmentOnly', 'org.springframework.boot:spring-boot-devtools:3.2.1=developmentOnly', 'org.springframework.boot:spring-boot-devtools@3.2.1 scope=dev'],
    ['no configuration listed', 'a:b:1.0=', 'a:b@1.0'],
    ['Windows line ends', 'a:b:1.0=runtimeClasspath\r', 'a:b@1.0'],
  ])('%s', async (_name, line, want) => {
    const { packages, warnings } = await extractFiles(gradleLockfileExtractor, { 'app/gradle.lockfile': `${HEADER}${line}\nempty=annotationProcessor,testAnnotationProcessor\n` });
    expect(warnings).toEqual([]);
    expect(packages.map((p) => `${p.name}@${p.version}${p.scope ? ` scope=${p.scope}` : ''}`)).toEqual([want]);
    expect(packages[0]).toMatchObject({ ecosystem: 'Maven', path: 'app/gradle.lockfile', line: 4, extractor: 'maven/gradle-lockfile' });
    expect(packages[0]).not.toHaveProperty('direct');
  });

  it('a module only on compile class paths (compileOnly) in a file that locks a runtime class path is a build dependency', async () => {
    const { packages } = await extractFiles(gradleLockfileExtractor, {
      'gradle.lockfile': `${HEADER}org.projectlombok:lombok:1.18.30=annotationProcessor,compileClasspath,testCompileClasspath\norg.slf4j:slf4j-api:2.0.9=compileClasspath,runtimeClasspath\nempty=\n`,
    });
    expect(packages.map((p) => `${p.name} ${p.scope}`)).toEqual(['org.projectlombok:lombok build', 'org.slf4j:slf4j-api undefined']);
  });

  it('a runtime class path named only on the empty= line still counts as locked', async () => {
    const { packages } = await extractFiles(gradleLockfileExtractor, { 'gradle.lockfile': `${HEADER}com.google.errorprone:error_prone_annotations:2.23.0=compileClasspath\nempty=runtimeClasspath\n` });
    expect(packages[0].scope).toBe('build');
  });

  it('gives purls', async () => {
    const { packages } = await extractFiles(gradleLockfileExtractor, { 'gradle.lockfile': 'org.apache.logging.log4j:log4j-core:2.14.1=runtimeClasspath\n' });
    expect(packages[0].purl).toBe('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  });

  it.each(['buildscript-gradle.lockfile', 'settings-gradle.lockfile'])('%s locks the build class path', async (file) => {
    const { packages } = await extractFiles(gradleLockfileExtractor, { [file]: `${HEADER}org.springframework.boot:spring-boot-gradle-plugin:3.2.1=classpath\nempty=\n` });
    expect(packages.map((p) => `${p.name}@${p.version} ${p.scope}`)).toEqual(['org.springframework.boot:spring-boot-gradle-plugin@3.2.1 build']);
  });

  it('warns of each malformed line, with its number, and keeps the rest', async () => {
    const { packages, warnings } = await extractFiles(gradleLockfileExtractor, {
      'gradle.lockfile': `${HEADER}a:b:1.0=runtimeClasspath\nnot a lock line\na:b=runtimeClasspath\na:b:c:d=runtimeClasspath\n:b:1=runtimeClasspath\nc:d:2.0=runtimeClasspath\n`,
    });
    expect(packages.map((p) => `${p.name}@${p.version} line ${p.line}`)).toEqual(['a:b@1.0 line 4', 'c:d@2.0 line 9']);
    expect(warnings.map((w) => `${w.code} ${w.message.split(':')[0]}`)).toEqual(['parse-error line 5', 'parse-error line 6', 'parse-error line 7', 'parse-error line 8']);
  });

  it('an empty lockfile gives nothing', async () => {
    const { packages, warnings } = await extractFiles(gradleLockfileExtractor, { 'gradle.lockfile': `${HEADER}empty=\n` });
    expect(packages).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['gradle.lockfile', true],
    ['services/api/gradle.lockfile', true],
    ['buildscript-gradle.lockfile', true],
    ['settings-gradle.lockfile', true],
    ['gradle/dependency-locks/compileClasspath.lockfile', false],
    ['my-gradle.lockfile', false],
    ['gradle.lockfile.orig', false],
  ])('wants %s: %s', (path, want) => expect(gradleLockfileExtractor.wants(path, 10)).toBe(want));
});
