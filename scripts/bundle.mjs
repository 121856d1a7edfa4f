// Bundles the action entrypoints and the CLI into dist/ (or the folder given as argument).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';

const outdir = path.resolve(process.argv[2] ?? 'dist');
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: {
    main: 'src/action/main-entry.ts',
    post: 'src/action/post-entry.ts',
    cli: 'src/cli/cli-entry.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node20',
  sourcemap: false,
  minify: false,
  legalComments: 'eof',
  logLevel: 'warning',
  banner: {
    js:
      "import { createRequire as __hubcapCreateRequire } from 'node:module';\n" +
      'const require = __hubcapCreateRequire(import.meta.url);',
  },
});
