#!/usr/bin/env node
// The `genba` command. It runs the bundle that `npm run build` writes to out/cli/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(
    'genba: ビルドされていません。先に npm run build を実行してください。\n' +
      'genba: not built yet. Run npm run build first (or use npm run genba -- <command>).\n',
  );
  process.exit(1);
}
const { runCli, exitWith } = await import(bundle);
await exitWith(await runCli(process.argv.slice(2)));
