import { parseRequirementSpec, pinnedVersion } from './requirement-spec';

describe('PEP 508 requirements', () => {
  it.each([
    ['requests', { name: 'requests', extras: [], specifier: '' }],
    ['requests>=2.8.1,==2.8.*', { name: 'requests', extras: [], specifier: '>=2.8.1,==2.8.*' }],
    ['requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < "2.7"', { name: 'requests', extras: ['security', 'tests'], specifier: '>=2.8.1,==2.8.*', marker: 'python_version < "2.7"' }],
    ['name (>=1.0,<2.0)', { name: 'name', extras: [], specifier: '>=1.0,<2.0' }],
    ['pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686', { name: 'pip', extras: [], specifier: '', url: 'https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686' }],
    ['name[quux, strange];python_version<"2.7" and platform_version=="2"', { name: 'name', extras: ['quux', 'strange'], specifier: '', marker: 'python_version<"2.7" and platform_version=="2"' }],
    ['foo @ file:///tmp/foo.whl ; os_name=="a"', { name: 'foo', extras: [], specifier: '', url: 'file:///tmp/foo.whl', marker: 'os_name=="a"' }],
    ['A.B-C_D~=1.0', { name: 'A.B-C_D', extras: [], specifier: '~=1.0' }],
    ['x!=1.5', { name: 'x', extras: [], specifier: '!=1.5' }],
  ])('%s', (text, want) => expect(parseRequirementSpec(text)).toEqual(want));

  it.each(['', '-e .', '[extra]', 'name[unclosed', 'name 1.0', 'name = 1.0', '.hidden', 'name-'])('rejects %j', (text) => expect(parseRequirementSpec(text)).toBeUndefined());

  it.each([
    ['==1.2.3', '1.2.3'],
    ['===1.0-custom', '1.0-custom'],
    ['==1.2.3+local.1', '1.2.3+local.1'],
    ['==1.2.*', undefined],
    ['==${APP_VERSION}', undefined],
    ['==1!2.0.post1', '1!2.0.post1'],
    ['>=1.2', undefined],
    ['==1.2,!=1.3', undefined],
    ['', undefined],
  ])('pin of %j is %s', (spec, want) => expect(pinnedVersion(spec)).toBe(want));
});
