// converters/ must run unchanged in Node, the Electron back end and a browser worker:
// no Node built-ins, no drivers, no DOM, no electron, and nothing from the layers above it.
import tseslint from 'typescript-eslint';

const forbiddenInConverters = {
  paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'stream', 'net', 'http', 'https',
    'pg', 'mysql2', 'mysql2/promise', 'tedious', 'oracledb', 'electron', '@electric-sql/pglite', 'react', 'monaco-editor'],
  patterns: ['node:*', '**/electron/**', '**/renderer/**', '**/test/**', 'pg-*', 'mysql2/*'],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', 'out/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'max-lines': ['error', { max: 800, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-debugger': 'error',
    },
  },
  {
    files: ['converters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', forbiddenInConverters],
      'no-restricted-globals': ['error', 'process', 'require', 'window', 'document', 'Buffer', '__dirname'],
    },
  },
);
