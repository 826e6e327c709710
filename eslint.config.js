// ESLint (typescript-eslint, type-unaware rules) + Prettier for formatting.
// Biome was the first choice, but its platform packages other than linux are not on the registry
// reachable from this project's machines, so `npm ci` failed with a lock file made here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Tenancy by construction (issue 9): two project rules, tested in test/unit/lint-rules.test.ts.
 * - `tenancy/no-query-in-routes`: a route file reads its input, calls a use case or a query and renders;
 *   the query itself lives in a queries or use-case file that takes the TenantId as its first argument.
 * - `tenancy/no-tenant-id-cast`: a TenantId comes from the resolved tenant or from a typed `tenant_id`
 *   column, never from a cast; only src/tenancy makes one.
 */
const QUERY_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'transaction',
  'with',
]);

/** The name of `a.b` or `a['b']`, if it is a plain name. */
function memberName(node) {
  if (node.type !== 'MemberExpression') return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

const tenancyPlugin = {
  meta: { name: 'focolare-tenancy' },
  rules: {
    'no-query-in-routes': {
      meta: {
        type: 'problem',
        docs: { description: 'Route files do not build database queries.' },
        schema: [],
        messages: {
          method:
            'Route files do not build queries: move `.{{name}}(…)` to a queries or use-case file that takes the TenantId.',
          sql: 'Route files do not write SQL: move the `sql` template to a queries or use-case file that takes the TenantId.',
        },
      },
      create(context) {
        // `sql` under any local name it was imported as from kysely.
        const sqlNames = new Set(['sql']);
        const isSql = (node) => node.type === 'Identifier' && sqlNames.has(node.name);
        return {
          ImportDeclaration(node) {
            if (node.source.value !== 'kysely') return;
            for (const s of node.specifiers) {
              if (s.type === 'ImportSpecifier' && s.imported.name === 'sql') sqlNames.add(s.local.name);
            }
          },
          CallExpression(node) {
            const name = memberName(node.callee);
            if (name === undefined) return;
            if (isSql(node.callee.object)) context.report({ node, messageId: 'sql' });
            else if (QUERY_METHODS.has(name))
              context.report({ node: node.callee.property, messageId: 'method', data: { name } });
          },
          TaggedTemplateExpression(node) {
            if (isSql(node.tag) || isSql(node.tag.object ?? {})) context.report({ node, messageId: 'sql' });
          },
        };
      },
    },
    'no-tenant-id-cast': {
      meta: {
        type: 'problem',
        docs: { description: 'Only src/tenancy turns a value into a TenantId.' },
        schema: [],
        messages: {
          cast: 'Do not cast to TenantId outside src/tenancy: take it from the resolved tenant or from a typed tenant_id column.',
        },
      },
      create(context) {
        const isTenantId = (type) =>
          type.type === 'TSTypeReference' &&
          ((type.typeName.type === 'Identifier' && type.typeName.name === 'TenantId') ||
            (type.typeName.type === 'TSQualifiedName' && type.typeName.right.name === 'TenantId'));
        const check = (node) => {
          if (isTenantId(node.typeAnnotation)) context.report({ node, messageId: 'cast' });
        };
        return { TSAsExpression: check, TSTypeAssertion: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-namespace': 'off',
    },
  },
  {
    // Tests may fabricate rows with a made-up tenant id; application code may not.
    files: ['**/*.{ts,tsx}'],
    ignores: ['src/tenancy/**', 'test/**'],
    plugins: { tenancy: tenancyPlugin },
    rules: { 'tenancy/no-tenant-id-cast': 'error' },
  },
  {
    files: ['src/**/*routes*.{ts,tsx}', 'src/**/routes/**/*.{ts,tsx}'],
    plugins: { tenancy: tenancyPlugin },
    rules: { 'tenancy/no-query-in-routes': 'error' },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
  {
    files: ['bench/**/*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
