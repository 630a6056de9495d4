import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// An import path is banned if it points into one of these folders.
const dirs = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);
const layer = (banned, message, { polyfill = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: polyfill ? [{ name: 'webextension-polyfill', message }] : [],
      patterns: [{ group: dirs(...banned), message }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'data/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**', 'src/shared/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'browser', 'chrome', 'window', 'document'],
      ...layer(['platform', 'background', 'ui', 'popup', 'options'], 'core is pure: data in, data out', {
        polyfill: true,
      }),
    },
  },
  {
    files: ['src/ui/**', 'src/options/**'],
    rules: layer(['platform', 'background'], 'UI reaches the background through ui/client.ts only', { polyfill: true }),
  },
  {
    files: ['src/popup/**'],
    rules: layer(['platform', 'background', 'core'], 'the popup stays small: shared/ and ui/ only', { polyfill: true }),
  },
  {
    files: ['src/platform/**'],
    // Adapters are thin: the background hands them what the core built (a PAC text, a routing
    // function), so they import shared/ types only, never core/ logic.
    rules: layer(['core', 'background', 'ui', 'popup', 'options'], 'adapters know no callers and hold no logic'),
  },
);
