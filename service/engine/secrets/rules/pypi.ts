// PyPI upload tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-PYPI-UPLOAD-TOKEN', title: 'PyPI upload token', prefixes: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], body: '[A-Za-z0-9_-]{50,1000}', boundary: '[A-Za-z0-9_-]', key: 'TWINE_PASSWORD',
    remediation: revokeAt('PyPI', 'Account settings > API tokens') + ' Prefer trusted publishing.', helpUri: 'https://pypi.org/help/#apitoken',
    sample: 'pypi-AgEIcHlwaS5vcmc' + randomToken('pypi', BASE64URL, 140),
  }),
];
