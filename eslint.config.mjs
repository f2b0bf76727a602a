// `npm run lint`: TypeScript rules, React hooks rules for the hub, and the layer arrows of
// ARCHITECTURE.md as import boundaries (import/no-restricted-paths). Part of `npm test`.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Each zone: files under `target` may not import from `from` (except the listed sub-folders of `from`). */
const layers = [
  // The contract is the shared vocabulary: it depends on nothing of the service.
  { target: './service/contract', from: './service', except: ['./contract'], message: 'service/contract imports nothing else of service/.' },
  // The engine is a pure library: files in, findings out.
  { target: './service/engine', from: './service', except: ['./engine', './contract'], message: 'The engine imports nothing of service/ but the contract.' },
  // Pure rules of triage (reconcile, dismissals).
  { target: './service/triage', from: './service', except: ['./triage', './contract'], message: 'service/triage is pure: the contract only.' },
  // The pull-request gate's decisions (new vs existing, verdict, thread plan) are pure.
  { target: './service/gate', from: './service', except: ['./gate', './contract'], message: 'service/gate is pure: the contract only.' },
  // The catalog gathers rule families; it runs nothing.
  { target: './service/catalog', from: './service', except: ['./catalog', './engine', './contract', './posture', './compliance'], message: 'The catalog reads rule families only.' },
  // Posture controls are pure functions of a snapshot; posture/ as a whole collects through ado/ and
  // evaluates, and never touches the store, HTTP, jobs or use cases.
  {
    target: './service/posture/controls',
    from: './service',
    except: ['./posture/controls', './posture/snapshot.ts', './posture/testing.ts', './posture/assess.ts', './posture/family.ts', './contract', './engine'],
    message: 'Posture controls are pure: the snapshot, the contract and the engine only.',
  },
  { target: './service/posture', from: ['./service/store', './service/http', './service/jobs', './service/usecases'], message: 'service/posture never touches the store, HTTP, jobs or use cases.' },
  // Compliance checks are pure functions of recorded evidence and policies: the contract and the engine's types only.
  { target: './service/compliance', from: './service', except: ['./compliance', './contract', './engine/types.ts'], message: 'service/compliance is pure: the contract and the engine\'s types only.' },
  // The ADO client knows HTTP and ADO: no database, no engine, no jobs.
  { target: './service/ado', from: './service', except: ['./ado', './contract'], message: 'service/ado knows HTTP and ADO only.' },
  // Secret verification knows HTTP and the providers: the contract and the engine's FoundSecret only.
  { target: './service/verify', from: './service', except: ['./verify', './contract', './engine'], message: 'service/verify knows HTTP and the secret providers only.' },
  // The store knows SQL: never ADO, HTTP, jobs, use cases, the engine or the providers.
  {
    target: './service/store',
    from: ['./service/ado', './service/http', './service/jobs', './service/usecases', './service/engine', './service/verify'],
    message: 'service/store knows SQL only (it may use the contract and triage).',
  },
  // http is thin: it calls use cases, jobs (to enqueue) and the store, never ADO or the engine.
  { target: './service/http', from: ['./service/ado', './service/engine', './service/verify'], message: 'service/http never calls ADO, the engine or secret providers: go through a use case or a job.' },
  { target: './service/jobs', from: './service/http', message: 'Jobs do not depend on the HTTP layer.' },
  { target: './service/usecases', from: './service/http', message: 'Use cases do not depend on the HTTP layer.' },
  // The hub pages see only themselves and the wire contract.
  { target: './web', from: ['./service', './test'], except: ['./contract'], message: 'web/ imports only web/ and service/contract.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'test-output/', 'data/', '**/*.wasm'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { import: importPlugin },
    languageOptions: { globals: { ...globals.node } },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones: layers }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The compliance checks do no I/O: no Node built-ins, no database or network clients.
    files: ['service/compliance/**/*.ts'],
    ignores: ['service/compliance/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(node:|fs$|path$|http$|https$|net$|child_process$|pg$|undici$)', message: 'service/compliance is pure: no I/O.' }] },
      ],
    },
  },
  {
    // Tests read arbitrary JSON answers and poke at internals; product code stays strict.
    files: ['**/*.test.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
