import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The chains a test can serve at a SignatureCertChainUrl (leaf first, like Amazon's). */
export type ChainName = 'valid' | 'expired' | 'wrongSan' | 'untrusted';

export interface AlexaTestPki {
  /** The test root CA, to inject as the only trusted root. */
  rootPem: string;
  chains: Record<ChainName, string>;
  /** Base64 RSA-SHA256 signature of the body with the leaf key (every leaf here shares it). */
  sign(body: string): string;
  /** The same with a key no certificate belongs to. */
  signWithStrangerKey(body: string): string;
}

const CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:echo-api.amazon.com
[leaf_wrong_san]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:echo-api.example.com,DNS:amazon.com
[ca]
default_ca = expired_ca
[expired_ca]
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
`;

/**
 * A throw-away PKI made with the openssl CLI at test time: root -> intermediate -> leaves (a valid one
 * for echo-api.amazon.com, an expired one, one with other names), and a second, untrusted root with its
 * own leaf. Nothing is stored in the repository.
 */
export function createAlexaTestPki(): AlexaTestPki {
  const dir = mkdtempSync(join(tmpdir(), 'alexa-pki-'));
  const file = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    writeFileSync(file('openssl.cnf'), CONFIG.replaceAll('$dir', dir));
    const cnf = file('openssl.cnf');
    const key = (name: string) => ssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file(`${name}.key`));
    const csr = (name: string, keyName: string, cn: string) => ssl('req', '-new', '-key', file(`${keyName}.key`), '-subj', `/CN=${cn}`, '-config', cnf, '-out', file(`${name}.csr`));
    const selfSigned = (name: string, cn: string) =>
      ssl('req', '-x509', '-new', '-key', file(`${name}.key`), '-subj', `/CN=${cn}`, '-days', '3650', '-config', cnf, '-extensions', 'root', '-out', file(`${name}.pem`));
    let serial = 1;
    const issue = (name: string, keyName: string, cn: string, ca: string, extensions: string, days: number) => {
      csr(name, keyName, cn);
      ssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${ca}.pem`), '-CAkey', file(`${ca}.key`), '-set_serial', String(serial++), '-days', String(days), '-sha256', '-extfile', cnf, '-extensions', extensions, '-out', file(`${name}.pem`));
    };

    for (const name of ['root', 'intermediate', 'leaf', 'stranger', 'rogue-root']) key(name);
    selfSigned('root', 'Test Alexa Root CA');
    issue('intermediate', 'intermediate', 'Test Alexa Intermediate CA', 'root', 'intermediate', 3650);
    issue('valid', 'leaf', 'echo-api.amazon.com', 'intermediate', 'leaf', 2);
    issue('wrong-san', 'leaf', 'echo-api.example.com', 'intermediate', 'leaf_wrong_san', 2);
    selfSigned('rogue-root', 'Rogue Root CA');
    issue('untrusted', 'leaf', 'echo-api.amazon.com', 'rogue-root', 'leaf', 2);
    // openssl x509 cannot back-date; the CA command can set both dates.
    writeFileSync(file('index.txt'), '');
    writeFileSync(file('serial'), '1000\n');
    csr('expired', 'leaf', 'echo-api.amazon.com');
    ssl('ca', '-batch', '-config', cnf, '-cert', file('intermediate.pem'), '-keyfile', file('intermediate.key'), '-in', file('expired.csr'), '-startdate', '20200101000000Z', '-enddate', '20200301000000Z', '-extfile', cnf, '-extensions', 'leaf', '-notext', '-out', file('expired.pem'));

    const pem = (name: string) => readFileSync(file(`${name}.pem`), 'utf8');
    const leafKey = readFileSync(file('leaf.key'), 'utf8');
    const strangerKey = readFileSync(file('stranger.key'), 'utf8');
    const intermediate = pem('intermediate');
    return {
      rootPem: pem('root'),
      chains: {
        valid: pem('valid') + intermediate,
        expired: pem('expired') + intermediate,
        wrongSan: pem('wrong-san') + intermediate,
        untrusted: pem('untrusted') + pem('rogue-root'),
      },
      sign: (body) => sign('sha256', Buffer.from(body), leafKey).toString('base64'),
      signWithStrangerKey: (body) => sign('sha256', Buffer.from(body), strangerKey).toString('base64'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
