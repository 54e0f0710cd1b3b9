// Lint: the layer rules of STYLE.md, per folder, plus typescript-eslint's recommended checks
// that need no type information. `npm run lint` also runs scripts/check-layers.mjs, which finds
// import loops between folders (ESLint sees one file at a time).
//
// | code in          | may import                                                          |
// | src/core/        | Node built-ins, undici, small pure libraries, other src/core files |
// | src/protocol.ts  | types from src/core only                                            |
// | src/extension/   | src/core, src/protocol.ts, vscode                                   |
// | src/cli/         | src/core (never vscode, never the extension)                        |
// | media/           | src/protocol.ts only (types)                                        |
import tseslint from 'typescript-eslint';

const restrict = (patterns, paths = []) => ['error', { paths, patterns }];
const noVscode = {
  name: 'vscode',
  message: 'Only src/extension/ may import vscode: the core and the CLI run in plain Node.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.cache/**',
      'bench/.work/**',
      'test-results/**',
      'dist-vsix/**',
      '.stryker-tmp/**',
      'reports/**',
      '**/*.mjs',
      '**/*.js',
      '**/*.d.mts',
    ],
  },
  {
    files: ['src/**/*.ts', 'media/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // Tests and a few adapters pass untyped JSON along on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          { group: ['**/extension', '**/extension/**'], message: 'src/core never imports the editor shell.' },
          { group: ['**/cli', '**/cli/**'], message: 'src/core never imports the command line.' },
          { group: ['**/protocol', '**/media/**'], message: 'src/core knows nothing of the panel.' },
        ],
        [noVscode],
      ),
    },
  },
  {
    files: ['src/protocol.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          group: ['./extension/**', './cli/**', '../**', 'vscode'],
          message: 'src/protocol.ts holds types from src/core only.',
        },
        { group: ['./core/**'], allowTypeImports: true, message: 'src/protocol.ts imports only types from src/core.' },
      ]),
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          {
            group: ['**/extension', '**/extension/**', '**/media/**'],
            message: 'The CLI drives src/core; it never imports the editor shell or the panel.',
          },
        ],
        [noVscode],
      ),
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { group: ['**/cli', '**/cli/**'], message: 'The editor and the CLI are siblings over src/core.' },
        {
          group: ['**/media/**'],
          message: 'The panel script talks to the host only through src/protocol.ts messages.',
        },
      ]),
    },
  },
  {
    files: ['media/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          {
            group: ['**/src/core/**', '**/src/extension/**', '**/src/cli/**'],
            message: 'The panel script may import only src/protocol.ts.',
          },
          {
            group: ['**/src/protocol'],
            allowTypeImports: true,
            message: 'The panel script imports only types from src/protocol.ts.',
          },
        ],
        [noVscode],
      ),
    },
  },
);
