import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'error',
    },
  },
  // Scripts served to the browser (progressive enhancement only).
  { files: ['src/web/public/**/*.js'], languageOptions: { sourceType: 'module', globals: { document: 'readonly', window: 'readonly' } } },
  { files: ['test/**', 'seeds/**', 'bench/**', 'src/database/cli.ts', 'src/database/generate-migration.ts'], rules: { 'no-console': 'off' } },
);
