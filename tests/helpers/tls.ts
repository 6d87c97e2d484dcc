import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Test PKI made with the machine's `openssl` (node:crypto cannot make certificates): a CA, a server certificate it
 * signs for 127.0.0.1 (SAN IP), and an unrelated second CA (what an impostor would present).
 */
export interface TestPki {
  dir: string;
  caPem: string;
  otherCaPem: string;
  serverCert: string;
  serverKey: string;
  remove(): void;
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'red-pki-'));
  const f = (n: string) => join(dir, n);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  for (const ca of ['ca', 'other-ca']) {
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f(`${ca}.key`), '-out', f(`${ca}.pem`), '-days', '2', '-subj', `/CN=Test ${ca} CAF`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  }
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1']);
  const ext = f('server.ext');
  execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' > '${ext}'`]);
  run(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'), '-days', '2', '-extfile', ext]);
  return {
    dir,
    caPem: readFileSync(f('ca.pem'), 'utf8'),
    otherCaPem: readFileSync(f('other-ca.pem'), 'utf8'),
    serverCert: f('server.pem'),
    serverKey: f('server.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fetch that trusts only `caPem` (for the tests' own admin calls to an HTTPS server). */
export function fetchTrusting(caPem: string): typeof fetch {
  const dispatcher = new Agent({ connect: { ca: caPem } });
  return ((url: string, init?: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1])) as unknown as typeof fetch;
}
