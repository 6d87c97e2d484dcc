// `npm start`: opens the Electron window where Electron is installed; otherwise says so in one line and
// serves RED Desk on the browser host (127.0.0.1), printing the URL to open.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the path of its binary
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // binary not downloaded (e.g. no network at install time)
  }
}

const bin = process.env.RED_DESK_BROWSER_HOST ? null : electronBinary();
if (bin) {
  const child = spawn(bin, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron non è disponibile su questa macchina: RED Desk parte nel browser host (aprire l\'indirizzo qui sotto nel browser).');
  require('../dist/main/host.cjs');
}
