// Which folder of src/ may import which: the data flow of the README's "How it works", as lint rules.
// A folder imports only the folders listed for it (and itself); src/*.ts (index, app, server, cli,
// safetyNet) is the composition root and may import anything. Two rules check it:
// import-x/no-restricted-paths (a folder importing one it may not) and import-x/no-cycle (files
// importing each other, at run time; test/architecture/imports.test.ts also checks type imports).
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/** Folder → the folders it may import. Lower steps of the flow first. */
export const ALLOWED_IMPORTS = {
  shared: [],
  config: ['shared'],
  understanding: ['shared'],
  graph: ['config', 'shared'],
  state: ['config', 'shared'],
  directory: ['graph', 'shared'],
  access: ['directory', 'graph', 'state', 'shared'],
  diagnosis: ['config', 'shared'],
  signins: ['diagnosis', 'graph', 'state', 'config', 'shared'],
  tickets: ['graph', 'state', 'config', 'shared'],
  // One-click fixes (issue 21): the catalog, their Graph calls with a delegated client, once via the state store.
  fixes: ['diagnosis', 'graph', 'state', 'shared'],
  incidents: ['access', 'signins', 'diagnosis', 'tickets', 'state', 'config', 'shared'],
  // The doctor's checks (npm run doctor, the start-up check) probe Graph as the sign-in reads do.
  doctor: ['signins', 'graph', 'config', 'shared'],
  answers: [
    'understanding',
    'directory',
    'access',
    'signins',
    'diagnosis',
    'tickets',
    'incidents',
    'fixes',
    'graph',
    'state',
    'config',
    'shared',
  ],
  cards: ['answers', 'incidents', 'tickets', 'fixes', 'diagnosis', 'shared'],
  bot: ['answers', 'cards', 'incidents', 'understanding', 'config', 'shared'],
  http: ['shared'],
  wiring: ['bot', 'graph', 'config', 'shared'],
  // The demo tenant's own files see only shared/ and config/; src/demo/wiring.ts is its one door
  // both ways (DEMO_WIRING_IMPORTS), and only the composition root and DEMO_WIRING_OPENERS open it.
  demo: ['config', 'shared'],
  tools: ['config', 'shared'],
};

/** Folders besides the composition root that may import src/demo/wiring.ts: the demo's launchers and Teams-shaped activities (the demo tenant's id). */
export const DEMO_WIRING_OPENERS = ['tools'];

/** What src/demo/wiring.ts may import besides src/demo/. */
export const DEMO_WIRING_IMPORTS = ['wiring', 'bot', 'graph', 'config', 'shared'];

/** Config checks PATTERN_THRESHOLDS' keys against the thresholds' defaults, which are data of their own folders. */
const DATA_READ_BY_CONFIG = ['./src/diagnosis/patterns.json', './src/incidents/patterns.json'];

function zones() {
  const folders = Object.keys(ALLOWED_IMPORTS);
  const result = [];
  for (const [folder, allowed] of Object.entries(ALLOWED_IMPORTS)) {
    const target = folder === 'demo' ? './src/demo/!(wiring).ts' : `./src/${folder}/**`;
    for (const other of folders) {
      if (other === folder || allowed.includes(other)) continue;
      const zone = {
        target,
        from: `./src/${other}`,
        message: `src/${folder}/ may import only ${[...allowed].map((f) => `src/${f}/`).join(', ') || 'nothing else'} (eslint.imports.mjs, README "How it works").`,
      };
      if (other === 'demo' && DEMO_WIRING_OPENERS.includes(folder)) zone.except = ['./wiring.ts'];
      if (folder === 'config' && DATA_READ_BY_CONFIG.some((f) => f.startsWith(`./src/${other}/`))) {
        zone.except = DATA_READ_BY_CONFIG.filter((f) => f.startsWith(`./src/${other}/`)).map(
          (f) => `./${f.slice(`./src/${other}/`.length)}`,
        );
      }
      result.push(zone);
    }
    // No folder imports the composition root.
    result.push({
      target,
      from: './src/*.ts',
      message: `src/${folder}/ may not import the composition root (src/*.ts).`,
    });
  }
  for (const other of folders) {
    if (other === 'demo' || DEMO_WIRING_IMPORTS.includes(other)) continue;
    result.push({
      target: './src/demo/wiring.ts',
      from: `./src/${other}`,
      message: `src/demo/wiring.ts may import only ${DEMO_WIRING_IMPORTS.map((f) => `src/${f}/`).join(', ')}.`,
    });
  }
  result.push({
    target: './src/*.ts',
    from: './src/demo',
    except: ['./wiring.ts'],
    message: 'The product reaches the demo only through src/demo/wiring.ts.',
  });
  return result;
}

/** The flat-config block: `root` is the project directory (the test runs it over a fixture tree). */
export function importRules(root) {
  return {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      // no-cycle reads the imported files too: TypeScript, with typescript-eslint's parser.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: zones() }],
    },
  };
}
