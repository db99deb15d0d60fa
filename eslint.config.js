import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'dev-dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'data/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/attribute-hyphenation': 'off',
      'vue/v-on-event-hyphenation': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One module owns IndexedDB and one owns the map: everything else goes through them (DESIGN.md section 1).
    files: ['src/**/*.{ts,vue}'],
    ignores: ['src/app/db/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'dexie', message: 'Only src/app/db may import Dexie: use the feature repository instead.' },
          { name: 'leaflet', message: 'Only src/app/map may import Leaflet.' },
        ],
      }],
    },
  },
  {
    files: ['src/app/map/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'dexie', message: 'Only src/app/db may import Dexie.' }] }],
    },
  },
  {
    // core is shared by app and server: no DOM framework, no database, no Node.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/app/**', '**/server/**'], message: 'core must not import app or server code.' },
          { group: ['vue', 'dexie', 'leaflet', 'node:*', 'fastify', 'kysely'], message: 'core is pure TypeScript shared by app and server.' },
        ],
      }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/app/**', 'vue', 'dexie', 'leaflet'], message: 'The server never imports app code.' }] }],
    },
  },
)
