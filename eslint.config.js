// Type-aware linting: the rules that catch lost promises and unhandled union members matter most here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const KYSELY = {
  name: 'kysely',
  message:
    'Only services/repositories/ and services/db/ use kysely; take a repository or DbTransaction from services/db/client.ts.',
};
const NOT_MEASURES = {
  group: ['**/measures/**'],
  message:
    'services/sources/ does not import the measures module: measures registers its watchers into the poller registry (services/sources/poller.registry.ts).',
};
const NOT_WORKERS = {
  group: ['**/workers/**'],
  message:
    'Nothing under services/ imports workers/: workers call services; what must start workers lives in workers/ (roles.ts, main.ts).',
};

const NOT_TOOLS = {
  group: ['**/tools/**'],
  message:
    'Nothing under services/ imports tools/: benchmarks, fit scripts and generators use the services, never the other way round, so the production build holds none of them.',
};

// Domain types live in the domain module and repositories import them, never the other way round: from a repository
// a module takes the repository class (and the two functions named here), nothing else.
const REPOSITORY_ONLY = {
  group: ['**/repositories/*.repository.js'],
  allowImportNamePattern: '^(\\w+Repository|MentionsReader|MentionsSampler|expireText|monthKey)$',
  message:
    'From a repository a module imports the repository only: define the type in the domain module and let the repository import it (services/README.md, Layers).',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-tools/',
      'node_modules/',
      'dashboards/generated/',
      'bin/',
      'eslint.config.js',
      // A few lines of browser script for the import page, served as they are (not part of the TypeScript project).
      'services/web/static/*.js',
      // Worker scripts for the e2e tests, plain JavaScript because worker threads run no TypeScript.
      'test/fakes/*.mjs',
      'services/db/schema.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment only in services/config/env.ts.',
        },
      ],
    },
  },
  {
    // SQL and transactions live in repositories and the database handle; services and routes call those.
    ignores: ['services/repositories/**', 'services/db/**', 'migrations/**', 'test/**', 'tools/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [KYSELY] }] },
  },
  // The layers of services/README.md. A later block's options replace an earlier one's, so each block lists all
  // that holds for its files.
  {
    files: ['services/**'],
    ignores: ['services/repositories/**', 'services/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [KYSELY], patterns: [NOT_WORKERS, NOT_TOOLS, REPOSITORY_ONLY] },
      ],
    },
  },
  {
    files: ['services/repositories/**', 'services/db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_WORKERS, NOT_TOOLS] }] },
  },
  {
    // The pollers' framework is below the measures module, whose watchers register into its poller registry.
    files: ['services/sources/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [KYSELY], patterns: [NOT_MEASURES, NOT_WORKERS, NOT_TOOLS, REPOSITORY_ONLY] },
      ],
    },
  },
  {
    files: ['services/config/env.ts', 'test/**/*.ts', 'tools/**/*.ts', '*.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Migrations are frozen in time: they take Kysely<any> and never the application's table types.
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
