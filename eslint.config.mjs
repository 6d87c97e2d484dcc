// ESLint flat config. Besides the usual recommended sets, its job is the LAYERING of ARCHITECTURE.md /
// STYLE.md "For RED Desk" 1–2, proved by tests/unit/layering.test.ts:
//   src-shared         imports only itself (#shared/*, relative paths inside it) and zod; no Node/DOM globals
//   src-main           Node core; no electron (except src-main/electron), no React, no #renderer/#server
//   src-main/electron  the only place importing electron; the preload also stays free of Node and #main
//   src-renderer       reaches the core only through #shared/api; no Node, electron, databases, #main/#server
//   src-server         no electron, no React, no #main/#renderer
//   src-console        the CAF staff's web page (served by src-server): like src-renderer, and no #renderer either
//   everywhere         no relative import that leaves its top-level folder (use the #… aliases)
// Static imports are checked by `no-restricted-imports`; `import()`, `require()`, `import x = require()` and
// relative paths crossing folders by the small local rule `red-desk/import-boundaries` below.
// Not type-aware on purpose: it stays fast (no TypeScript program is built).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import path from 'node:path';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------------
// Forbidden module specifiers, as regular expressions (one source for the static and the dynamic check).
// ---------------------------------------------------------------------------------------------------------
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pkg = (...names) => `^(${names.map(escapeRe).join('|')})(/.*)?$`;

const NODE_BUILTINS = {
  regex: `^node:|${pkg(...builtinModules)}`,
  message: 'Moduli Node (node:*, fs, path, crypto, worker_threads …) non ammessi in questo livello.',
};
const ELECTRON = { regex: pkg('electron'), message: 'Solo src-main/electron/** importa electron.' };
// react, react-dom, react/jsx-runtime, @tanstack/react-virtual, @testing-library/react …
const REACT = { regex: '^(@[^/]+/)?react(-[^/]*)?(/.*)?$', message: 'React appartiene solo a src-renderer.' };
const DATABASE = {
  regex: pkg('better-sqlite3', 'better-sqlite3-multiple-ciphers', 'kysely', 'pg'),
  message: "Il database è del core (src-main/archive) o del server: qui si passa dall'API tipizzata #shared/api.",
};
const NODE_ONLY_PACKAGES = {
  regex: pkg('node-hid', 'ws', 'bufferutil', 'utf-8-validate'),
  message: 'Pacchetto solo-Node (HID, WebSocket server): resta nel core.',
};
const alias = (name, message) => ({ regex: `^#${name}(/.*)?$`, message });
const MAIN = alias('main', 'Il core (#main/*) si raggiunge solo con l’API tipizzata di #shared/api.');
const RENDERER = alias('renderer', 'Il renderer (#renderer/*) non si importa da altri livelli.');
const SERVER = alias('server', 'Il server centrale (#server/*) non si importa da altri livelli.');
const MIGRATIONS = alias('migrations', 'Le migrazioni SQL sono del core e del server.');
const ELECTRON_SHELL = {
  regex: '^(#main/electron(/.*)?|(\\.{1,2}/)+(.*/)?electron(/.*)?)$',
  message: 'src-main/electron è il guscio Electron: i servizi del core non lo importano (li usa anche il browser host).',
};
// src-shared is an allow-list: relative paths (kept inside by the local rule), #shared/*, zod.
const SHARED_ALLOW_LIST = {
  regex: '^(?!(\\.{1,2}(/|$)|#shared/|zod(/|$)))',
  message:
    'src-shared importa solo se stesso (#shared/*, percorsi relativi interni) e zod: niente Node, electron, React, database, #main/#renderer/#server.',
};

const LAYERS = {
  shared: [SHARED_ALLOW_LIST],
  main: [ELECTRON, REACT, RENDERER, SERVER, ELECTRON_SHELL],
  electron: [REACT, RENDERER, SERVER],
  // The sandboxed preload can only require('electron'); everything else gets bundled into it.
  preload: [NODE_BUILTINS, REACT, DATABASE, NODE_ONLY_PACKAGES, MAIN, RENDERER, SERVER, MIGRATIONS],
  renderer: [NODE_BUILTINS, ELECTRON, DATABASE, NODE_ONLY_PACKAGES, MAIN, SERVER, MIGRATIONS],
  // The console page runs in the CAF staff's browser: it reaches the server only over HTTP (#shared/console-api).
  console: [NODE_BUILTINS, ELECTRON, DATABASE, NODE_ONLY_PACKAGES, MAIN, RENDERER, SERVER, MIGRATIONS],
  server: [ELECTRON, REACT, MAIN, RENDERER],
};

const restrictedImports = (groups) => [
  'error',
  { patterns: groups.map(({ regex, message }) => ({ regex, message, caseSensitive: true })) },
];
const boundaries = (groups = []) => ['error', { forbidden: groups.map(({ regex, message }) => ({ regex, message })) }];

// ---------------------------------------------------------------------------------------------------------
// Local rule: relative imports must stay in their top-level folder; dynamic forms obey the layer's list.
// ---------------------------------------------------------------------------------------------------------
const topFolder = (rel) => {
  const parts = rel.split(/[\\/]/);
  return parts.length > 1 ? parts[0] : '.';
};
// Build output has no alias: scripts may require('../dist/main/host.cjs').
const BUILD_OUTPUT = new Set(['dist']);
const isRelative = (spec) => spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports stay inside their top-level folder; import()/require() obey the layer.' },
    schema: [
      {
        type: 'object',
        properties: {
          forbidden: {
            type: 'array',
            items: {
              type: 'object',
              properties: { regex: { type: 'string' }, message: { type: 'string' } },
              required: ['regex', 'message'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      crossFolder:
        "Import relativo '{{spec}}' esce da {{from}}/ verso {{to}}: usare gli alias #shared/*, #main/*, #renderer/*, #server/* (relative import leaves its top-level folder).",
      forbidden: "'{{spec}}': {{message}}",
    },
  },
  create(context) {
    const cwd = context.cwd;
    const file = context.physicalFilename ?? context.filename;
    const relFile = path.relative(cwd, file);
    const inProject = relFile !== '' && !relFile.startsWith('..') && !path.isAbsolute(relFile);
    const from = inProject ? topFolder(relFile) : null;
    const forbidden = (context.options[0]?.forbidden ?? []).map(({ regex, message }) => ({
      re: new RegExp(regex, 'u'),
      message,
    }));

    const check = (node, spec, dynamic) => {
      if (typeof spec !== 'string') return;
      if (isRelative(spec)) {
        if (from === null) return;
        const target = path.relative(cwd, path.resolve(path.dirname(file), spec));
        const to = target.startsWith('..') || path.isAbsolute(target) ? '(fuori dal progetto)' : topFolder(target);
        if (to !== from && !BUILD_OUTPUT.has(to)) {
          context.report({ node, messageId: 'crossFolder', data: { spec, from, to: to === '.' ? 'la radice' : `${to}/` } });
          return;
        }
      }
      // Static import/export declarations are already covered by no-restricted-imports.
      if (!dynamic) return;
      const hit = forbidden.find(({ re }) => re.test(spec));
      if (hit) context.report({ node, messageId: 'forbidden', data: { spec, message: hit.message } });
    };
    const literal = (n) => (n && n.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined);

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value, false),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value, false),
      ExportAllDeclaration: (node) => check(node.source, node.source.value, false),
      ImportExpression: (node) => check(node.source, literal(node.source), true),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node.arguments[0], literal(node.arguments[0]), true);
        }
      },
      TSExternalModuleReference: (node) => check(node.expression, literal(node.expression), true),
      TSImportType(node) {
        // `import('x').T` type queries (typescript-eslint v8: argument is a TSLiteralType).
        const arg = node.argument;
        check(arg, arg?.type === 'TSLiteralType' ? literal(arg.literal) : undefined, true);
      },
    };
  },
};

const redDesk = { meta: { name: 'red-desk-local' }, rules: { 'import-boundaries': importBoundaries } };

// ---------------------------------------------------------------------------------------------------------
// Globals
// ---------------------------------------------------------------------------------------------------------
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'];
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'XMLHttpRequest',
  'WebSocket',
  'fetch',
];
const restrictedGlobals = (names, why) => ['error', ...names.map((name) => ({ name, message: why }))];

// For plain .js/.mjs/.cjs files (scripts, configs): TypeScript files get no-undef switched off instead.
const nodeScriptGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'queueMicrotask',
    'structuredClone',
    'fetch',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
    'performance',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' };

export default defineConfig([
  {
    name: 'red-desk/ignores',
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'red-desk/base',
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'red-desk': redDesk },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // STYLE.md 16: no @ts-ignore without a reason.
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description', minimumDescriptionLength: 5 },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'red-desk/import-boundaries': boundaries(),
    },
  },
  {
    name: 'red-desk/node-scripts',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeScriptGlobals },
  },
  {
    name: 'red-desk/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: commonJsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // ----- layers -------------------------------------------------------------------------------------------
  {
    name: 'red-desk/layer-shared',
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': restrictedImports(LAYERS.shared),
      'red-desk/import-boundaries': boundaries(LAYERS.shared),
      'no-restricted-globals': restrictedGlobals(
        [...DOM_GLOBALS, ...NODE_GLOBALS],
        'src-shared non fa I/O e gira ovunque (renderer, core, server): niente globali DOM o Node.',
      ),
    },
  },
  {
    name: 'red-desk/layer-main',
    files: ['src-main/**'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': restrictedImports(LAYERS.main),
      'red-desk/import-boundaries': boundaries(LAYERS.main),
    },
  },
  {
    name: 'red-desk/layer-electron',
    files: ['src-main/electron/**'],
    ignores: ['src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': restrictedImports(LAYERS.electron),
      'red-desk/import-boundaries': boundaries(LAYERS.electron),
    },
  },
  {
    name: 'red-desk/layer-preload',
    files: ['src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': restrictedImports(LAYERS.preload),
      'red-desk/import-boundaries': boundaries(LAYERS.preload),
      'no-restricted-globals': restrictedGlobals(NODE_GLOBALS, 'il preload è sandboxed: solo electron.'),
    },
  },
  {
    name: 'red-desk/layer-renderer',
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': restrictedImports(LAYERS.renderer),
      'red-desk/import-boundaries': boundaries(LAYERS.renderer),
      'no-restricted-globals': restrictedGlobals(
        NODE_GLOBALS,
        'il renderer gira in una pagina sandboxed (Electron) o nel browser: niente globali Node.',
      ),
    },
  },
  {
    name: 'red-desk/layer-console',
    files: ['src-console/**'],
    rules: {
      'no-restricted-imports': restrictedImports(LAYERS.console),
      'red-desk/import-boundaries': boundaries(LAYERS.console),
      'no-restricted-globals': restrictedGlobals(NODE_GLOBALS, 'la console gira nel browser del personale CAF: niente globali Node.'),
    },
  },
  {
    name: 'red-desk/layer-server',
    files: ['src-server/**'],
    rules: {
      'no-restricted-imports': restrictedImports(LAYERS.server),
      'red-desk/import-boundaries': boundaries(LAYERS.server),
    },
  },

  // ----- React, tests -------------------------------------------------------------------------------------
  {
    ...reactHooks.configs.flat.recommended,
    name: 'red-desk/react-hooks',
    files: ['src-renderer/**/*.{ts,tsx}', 'src-console/**/*.{ts,tsx}'],
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // A React Compiler-era rule; resetting state when a prop changes is a pattern the renderer uses
      // knowingly (we do not run the compiler). Reported, not blocking.
      'react-hooks/set-state-in-effect': 'warn',
    },
  },
  {
    name: 'red-desk/tests',
    files: ['tests/**', 'bench/**'],
    rules: {
      // STYLE.md 16: `.only` is a lint error.
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test', 'suite'].map((object) => ({ object, property: 'only', message: 'Niente .only nei test.' })),
      ],
    },
  },
  {
    // Ambient declaration files declare globals (`interface Window`) and modules; nothing to lint in them
    // beyond syntax, except that they too respect the layers above.
    name: 'red-desk/dts',
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
]);
