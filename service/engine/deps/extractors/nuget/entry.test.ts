import { nugetEntry, nugetVersion } from './entry';

describe('NuGet versions as written', () => {
  it.each([
    ['13.0.1', { version: '13.0.1' }],
    ['1.2', { version: '1.2' }],
    ['5.2.7.0', { version: '5.2.7.0' }],
    ['1.2.0-beta.556', { version: '1.2.0-beta.556' }],
    ['2.0.0+build.7', { version: '2.0.0+build.7' }],
    [' 3.1.1 ', { version: '3.1.1' }],
    ['[2.3.0]', { version: '2.3.0', declared: '[2.3.0]' }],
    ['[ 2.3.0 ]', { version: '2.3.0', declared: '[ 2.3.0 ]' }],
    ['1.*', { version: '', declared: '1.*' }],
    ['*-*', { version: '', declared: '*-*' }],
    ['[1.0,2.0)', { version: '', declared: '[1.0,2.0)' }],
    ['(,2.0]', { version: '', declared: '(,2.0]' }],
    ['[13.0.1, )', { version: '', declared: '[13.0.1, )' }],
    ['latest', { version: '', declared: 'latest' }],
  ])('%s', (written, want) => expect(nugetVersion(written)).toEqual(want));
});

describe('nugetEntry', () => {
  it('lower-cases the name, builds the purl and leaves out undefined fields', () => {
    const entry = nugetEntry('nuget/x', 'a/App.csproj', 'Newtonsoft.Json', '13.0.1', { line: 3, scope: undefined });
    expect(entry).toEqual({ ecosystem: 'NuGet', name: 'newtonsoft.json', version: '13.0.1', purl: 'pkg:nuget/newtonsoft.json@13.0.1', path: 'a/App.csproj', extractor: 'nuget/x', line: 3 });
  });
});
