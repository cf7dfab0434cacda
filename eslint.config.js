// ESLint flat config: typescript-eslint's type-aware recommended rules over every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The service uses the runner only through its public exports (packages/sam-local/package.json
// "exports"); Node refuses other `sam-local/...` paths, this refuses paths into its folder.
const runnerBoundary = {
  group: ['**/packages/**', 'sam-local/src/**', 'sam-local/tests/**'],
  message: "Import the runner through its public exports ('sam-local/template', 'sam-local/testing', ...).",
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      'dist/',
      'web/dist/',
      '.aws-sam/',
      '**/.local/',
      '**/.cache/',
      'coverage/',
      'api/schema.d.ts',
      'api/validators.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Features speak in domain errors and plain values; HTTP is src/lib/http's (and the function
    // entries'). tests/unit/lib/architecture.test.ts proves these rules refuse such an import.
    // (A later block for the same files would replace this rule, so it carries the runner boundary too.)
    files: ['src/auth/**', 'src/identity/**', 'src/jobs/**', 'src/users/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            runnerBoundary,
            {
              group: ['**/lib/http/**', '**/functions/**'],
              message:
                'A feature does not know HTTP: throw a domain error (src/lib/errors.ts); src/lib/http/problems.ts maps it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read through settings (src/lib/config.ts), so each function's variables are
    // known: tests/delivery/function-lists.test.ts ties them to template.yaml. Observability reads
    // the Lambda runtime's own variables.
    files: ['src/**'],
    ignores: ['src/lib/config.ts', 'src/lib/observability.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Declare a setting (src/lib/config.ts) and read it with readConfig.',
        },
      ],
    },
  },
  {
    // In-memory fakes implement async ports without awaiting anything; async keeps a throw a rejection.
    files: ['tests/support/fakes/**'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // The local runner and scripts are command-line programs: they talk to the terminal.
    files: ['packages/sam-local/**', 'scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/**', 'api/**', 'scripts/**', 'tests/**'],
    ignores: ['src/auth/**', 'src/identity/**', 'src/jobs/**', 'src/users/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [runnerBoundary] }] },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.stringContaining) are typed `any`.
    files: ['tests/**', 'packages/*/tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // Fixture apps' handlers are async by Lambda's contract, with or without an await (as sam init writes them).
    files: ['packages/sam-local/tests/fixtures/**'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // A fixture app of the runner written in CommonJS, as `sam init`'s older JavaScript templates are.
    files: ['packages/sam-local/tests/fixtures/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', exports: 'writable', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
