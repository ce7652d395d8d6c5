// The type check and the e2e build side by side: tsc runs on one core, so the build takes the
// other instead of waiting for its turn at the start of the e2e run. Exits non-zero when
// either fails, with both outputs shown.
import { spawn } from 'node:child_process';

const outDir = process.env.E2E_PORT ? `dist-e2e-${process.env.E2E_PORT}` : 'dist';
const run = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
const codes = await Promise.all([
  run(['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']),
  run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', outDir]),
]);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
