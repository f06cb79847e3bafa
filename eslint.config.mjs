import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Which folders of apps/api/src each folder may import (besides its own files). Any other import
// between them fails lint, and the table must be free of cycles, so no folder can depend on itself.
const INFRA = ['common', 'config', 'database', 'metrics'];
const API_FOLDER_DEPENDENCIES = {
  database: [],
  config: [],
  common: ['database'],
  metrics: ['common', 'config'],
  sandbox: ['config'],
  tokens: INFRA,
  insights: INFRA,
  health: INFRA,
  policy: [...INFRA, 'insights'],
  fraud: INFRA,
  delivery: [...INFRA, 'tokens'],
  events: [...INFRA, 'tokens', 'delivery', 'fraud'],
  spend: [...INFRA, 'tokens', 'delivery', 'fraud'],
  hooks: [...INFRA, 'tokens', 'policy', 'insights', 'delivery', 'events', 'fraud', 'spend'],
  dashboard: [...INFRA, 'tokens', 'delivery', 'events', 'fraud', 'spend'],
  admin: [...INFRA, 'tokens', 'sandbox', 'fraud'],
  alerts: [...INFRA, 'fraud', 'admin'],
  cli: [...INFRA, 'tokens', 'admin', 'fraud', 'spend', 'dashboard'],
};

function assertAcyclic(graph) {
  const state = new Map();
  const visit = (folder, path) => {
    if (state.get(folder) === 'done') return;
    if (state.get(folder) === 'visiting') throw new Error(`API folder cycle: ${[...path, folder].join(' -> ')}`);
    state.set(folder, 'visiting');
    for (const next of graph[folder] ?? []) visit(next, [...path, folder]);
    state.set(folder, 'done');
  };
  Object.keys(graph).forEach((folder) => visit(folder, []));
}
assertAcyclic(API_FOLDER_DEPENDENCIES);

const apiFolderBoundaries = Object.entries(API_FOLDER_DEPENDENCIES).map(([folder, allowed]) => {
  const forbidden = Object.keys(API_FOLDER_DEPENDENCIES).filter((other) => other !== folder && !allowed.includes(other));
  return {
    files: [`apps/api/src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`, message: `${folder}/ may import only ${allowed.join(', ') || 'nothing'} (eslint.config.mjs).` }] },
      ],
    },
  };
});

// Admin app features talk to each other only through app/ (routes) and shared lib/ and components/.
const ADMIN_FEATURES = ['activity', 'audit', 'auth', 'auth-events', 'dashboard', 'fraud', 'health', 'sandbox', 'tokens'];
const adminFeatureBoundaries = ADMIN_FEATURES.map((feature) => ({
  files: [`apps/admin/src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ regex: `^(\\.\\./)*(features/)?(${ADMIN_FEATURES.filter((f) => f !== feature).join('|')})/`, message: `features/${feature} must not import another feature; share through lib/ or components/.` }] },
    ],
  },
}));

// Type-aware rules, on the code each TypeScript project compiles.
const TYPED_PROJECTS = ['apps/api/tsconfig.spec.json', 'apps/admin/tsconfig.json', 'libs/contracts/tsconfig.json', 'libs/vonage-sim/tsconfig.json'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'tmp/**', 'e2e/browser/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Project boundaries: the SPA talks to the API over REST only; libraries depend on nothing app-side.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['scope:shared', 'scope:admin'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api'] },
            // The e2e suites drive the built connector over HTTP (through e2e/support): shared libraries only, never the apps' source.
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      // Configuration is read once at boot (config/load-config.ts); nowhere else reads process.env.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through APP_CONFIG.' }],
    },
  },
  ...apiFolderBoundaries,
  {
    // No import cycles between files either (the folder table above rules out cycles between folders).
    files: ['apps/api/src/**/*.ts', 'libs/*/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  ...adminFeatureBoundaries,
  {
    files: ['apps/admin/src/{lib,components,test}/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)features/', message: 'Shared code must not import a feature.' }] }] },
  },
  {
    files: ['apps/admin/src/**/*.tsx', 'apps/admin/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['apps/api/src/**/*.ts', 'apps/api/test/**/*.ts', 'e2e/api/**/*.ts', 'e2e/support/**/*.ts', 'apps/admin/src/**/*.{ts,tsx}', 'libs/*/src/**/*.ts'],
    languageOptions: { parserOptions: { project: TYPED_PROJECTS, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['apps/api/src/config/load-config.ts', 'apps/api/src/cli/**', '**/*.spec.ts', '**/test/**', 'e2e/**', 'bench/**', '**/*.test.tsx', '**/*.test.ts', 'apps/admin/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The benchmarks load the built connector from dist/ (bench/support/live-connector.js).
    files: ['bench/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', process: 'readonly', console: 'readonly', globalThis: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', Buffer: 'readonly', fetch: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', performance: 'readonly', structuredClone: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
