/**
 * The exchange file's primitives on Node (src-shared/exchange/container.ts): fflate for the zip, node:zlib for the deflate
 * (native: several times faster than fflate's), node:crypto for SHA-256, scrypt and AES-256-GCM. The CAF server has the same few lines
 * (src-server/exchange/primitives.ts): neither layer may import the other.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID, scrypt } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import type { ExchangePrimitives } from '#shared/exchange/container';

export const NODE_EXCHANGE: ExchangePrimitives = {
  // The data part is encrypted (it would not compress): stored as is.
  zip: (parts) => zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, [v, { level: 0 }]]))),
  unzip: (bytes) => unzipSync(bytes),
  deflate: (b) => deflateSync(b, { level: 6 }),
  // Bounded: a hostile file cannot inflate past what one JavaScript string can hold anyway.
  inflate: (b) => inflateSync(b, { maxOutputLength: 512 * 1024 * 1024 }),
  utf8: (s) => Buffer.from(s, 'utf8'),
  fromUtf8: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'),
  sha256Hex: (b) => createHash('sha256').update(b).digest('hex'),
  randomHex: (n) => randomBytes(n).toString('hex'),
  uuid: () => randomUUID(),
  scrypt: (passphrase, k) =>
    new Promise((resolve, reject) =>
      scrypt(passphrase.normalize('NFC'), Buffer.from(k.salt, 'hex'), 32, { N: k.N, r: k.r, p: k.p, maxmem: 256 * k.N * k.r + 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
    ),
  seal: (key, iv, plain, aad) => {
    const c = createCipheriv('aes-256-gcm', key, Buffer.from(iv, 'hex'));
    c.setAAD(aad);
    const cipher = Buffer.concat([c.update(plain), c.final()]);
    return { cipher, tag: c.getAuthTag() };
  },
  open: (key, iv, cipher, tag, aad) => {
    if (tag.length !== 16) return null;
    try {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'hex'));
      d.setAAD(aad);
      d.setAuthTag(tag);
      return Buffer.concat([d.update(cipher), d.final()]);
    } catch {
      return null;
    }
  },
};
