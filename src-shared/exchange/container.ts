import { AppError } from '../errors';
import {
  EXCHANGE_ERRORS,
  EXCHANGE_FORMAT_VERSION,
  EXCHANGE_PARTS,
  ExchangeDataSchema,
  ManifestHeadSchema,
  ManifestSchema,
  NOTHING_CHANGED,
  type ExchangeData,
  type ExchangeKind,
  type Manifest,
  type ScryptParams,
} from './format';

/**
 * Writes and reads an exchange file (format.ts) over primitives the runtime gives: the zip (fflate), SHA-256,
 * scrypt and AES-256-GCM (node:crypto). The same reader serves the desk ("Ripristino da Centro di Raccolta") and
 * the CAF server (the admin endpoint that loads a "Copia archivi da inviare al CAF"), so both refuse the same
 * files with the same messages. Every check runs before anything is written: a refused file changes nothing.
 */
export interface ExchangePrimitives {
  zip(parts: Record<string, Uint8Array>): Uint8Array;
  /** Throws on anything that is not a complete zip. */
  unzip(bytes: Uint8Array): Record<string, Uint8Array>;
  deflate(b: Uint8Array): Uint8Array;
  inflate(b: Uint8Array): Uint8Array;
  utf8(s: string): Uint8Array;
  fromUtf8(b: Uint8Array): string;
  sha256Hex(b: Uint8Array): string;
  randomHex(bytes: number): string;
  uuid(): string;
  scrypt(passphrase: string, params: ScryptParams): Promise<Uint8Array>;
  seal(key: Uint8Array, ivHex: string, plain: Uint8Array, aad: Uint8Array): { cipher: Uint8Array; tag: Uint8Array };
  /** null when the tag does not match (wrong key, or changed bytes). */
  open(key: Uint8Array, ivHex: string, cipher: Uint8Array, tag: Uint8Array, aad: Uint8Array): Uint8Array | null;
}

/** scrypt cost of the files written now (about 0.1 s and 32 MB on a desk PC); the reader takes what the file says. */
export const SCRYPT_COST = { N: 1 << 15, r: 8, p: 1 } as const;

export interface WriteOptions {
  kind: ExchangeKind;
  campaign: string;
  desk: string;
  passphrase: string;
  now: Date;
  /** Test and bench knob: a lower scrypt cost (never below the schema's minimum). */
  scryptN?: number;
}

export async function writeExchangeFile(p: ExchangePrimitives, data: ExchangeData, o: WriteOptions): Promise<{ bytes: Uint8Array; manifest: Manifest }> {
  const kdf: ScryptParams = { ...SCRYPT_COST, ...(o.scryptN ? { N: o.scryptN } : {}), salt: p.randomHex(16) };
  const key = await p.scrypt(o.passphrase, kdf);
  const plain = p.deflate(p.utf8(JSON.stringify(data)));
  const iv = p.randomHex(12);
  // The manifest is sealed with the data (as AAD), so it cannot name its own ciphertext's hash: the parts' hashes
  // go in after sealing, and the AAD is the manifest without `parti`.
  const head: Omit<Manifest, 'parti'> = {
    formato: 'RED-DESK-SCAMBIO',
    versione: EXCHANGE_FORMAT_VERSION,
    tipo: o.kind,
    fileId: p.uuid(),
    campagna: o.campaign,
    sportello: o.desk,
    creato: o.now.toISOString(),
    conteggi: { dichiarazioni: data.dichiarazioni.length, storico: data.dichiarazioni.reduce((n, d) => n + d.storico.length, 0) },
    kdf,
    cifratura: { algoritmo: 'AES-256-GCM', iv },
  };
  const { cipher, tag } = p.seal(key, iv, plain, p.utf8(aadOf(head)));
  const manifest: Manifest = { ...head, parti: { [EXCHANGE_PARTS.data]: p.sha256Hex(cipher), [EXCHANGE_PARTS.tag]: p.sha256Hex(tag) } };
  const bytes = p.zip({ [EXCHANGE_PARTS.manifest]: p.utf8(JSON.stringify(manifest, null, 2)), [EXCHANGE_PARTS.data]: cipher, [EXCHANGE_PARTS.tag]: tag });
  return { bytes, manifest };
}

/** The manifest fields the tag covers, in a fixed order. */
function aadOf(m: Omit<Manifest, 'parti'>): string {
  return JSON.stringify([m.formato, m.versione, m.tipo, m.fileId, m.campagna, m.sportello, m.creato, m.conteggi, m.kdf, m.cifratura]);
}

const refuse = (code: string, message: string) => new AppError({ code, message: `${message} ${NOTHING_CHANGED}` });

export interface ReadExpect {
  campaign: string;
  /** The kinds this reader accepts (the desk restores CENTRO files; the CAF loads CAF files). */
  kinds: readonly ExchangeKind[];
  fileName: string;
}

/** Reads the manifest only (no passphrase needed): the checks of the container, the version and the campaign. */
export function readManifest(p: ExchangePrimitives, bytes: Uint8Array, e: ReadExpect): { manifest: Manifest; parts: Record<string, Uint8Array> } {
  const name = e.fileName;
  let parts: Record<string, Uint8Array>;
  try {
    parts = p.unzip(bytes);
  } catch {
    throw refuse(EXCHANGE_ERRORS.TRUNCATED, `Il file ${name} è incompleto o danneggiato (troncato, o non è un file di scambio RED Desk): non può essere letto.`);
  }
  const raw = parts[EXCHANGE_PARTS.manifest];
  if (!raw) throw refuse(EXCHANGE_ERRORS.NOT_EXCHANGE, `Il file ${name} non è un file di scambio RED Desk (manca ${EXCHANGE_PARTS.manifest}).`);
  let json: unknown;
  try {
    json = JSON.parse(p.fromUtf8(raw));
  } catch {
    throw refuse(EXCHANGE_ERRORS.TAMPERED, `Il file ${name} è stato alterato o è danneggiato: la descrizione del contenuto (${EXCHANGE_PARTS.manifest}) non è leggibile.`);
  }
  const head = ManifestHeadSchema.safeParse(json);
  if (!head.success) throw refuse(EXCHANGE_ERRORS.NOT_EXCHANGE, `Il file ${name} non è un file di scambio RED Desk.`);
  if (head.data.versione > EXCHANGE_FORMAT_VERSION) {
    throw refuse(
      EXCHANGE_ERRORS.NEWER,
      `Il file ${name} è stato scritto da una versione più recente di RED Desk (formato ${head.data.versione}, questa versione legge fino al formato ${EXCHANGE_FORMAT_VERSION}): aggiornare RED Desk prima del ripristino.`,
    );
  }
  const m = ManifestSchema.safeParse(json);
  if (!m.success) throw refuse(EXCHANGE_ERRORS.TAMPERED, `Il file ${name} è stato alterato o è danneggiato: la descrizione del contenuto non è valida.`);
  const manifest = m.data;
  if (manifest.campagna !== e.campaign) {
    throw refuse(EXCHANGE_ERRORS.CAMPAIGN, `Il file ${name} appartiene alla campagna ${manifest.campagna}, non alla campagna ${e.campaign} di questo archivio.`);
  }
  if (!e.kinds.includes(manifest.tipo)) {
    const what = manifest.tipo === 'CAF' ? 'una copia per il CAF' : 'una copia per il Centro di Elaborazione';
    throw refuse(EXCHANGE_ERRORS.KIND, `Il file ${name} è ${what}: qui non si può leggere.`);
  }
  for (const part of [EXCHANGE_PARTS.data, EXCHANGE_PARTS.tag]) {
    const b = parts[part];
    if (!b) throw refuse(EXCHANGE_ERRORS.TRUNCATED, `Il file ${name} è incompleto: manca la parte ${part}.`);
    if (manifest.parti[part] !== p.sha256Hex(b)) {
      throw refuse(EXCHANGE_ERRORS.TAMPERED, `Il file ${name} è stato alterato o è danneggiato: l'impronta SHA-256 della parte ${part} non corrisponde.`);
    }
  }
  return { manifest, parts };
}

/** Reads a whole file: the manifest checks, then the key, the tag and the data. */
export async function readExchangeFile(p: ExchangePrimitives, bytes: Uint8Array, passphrase: string, e: ReadExpect): Promise<{ manifest: Manifest; data: ExchangeData }> {
  const { manifest, json } = await openExchangeFile(p, bytes, passphrase, e);
  return { manifest, data: parseExchangeData(json, manifest, e.fileName) };
}

/**
 * The first half of `readExchangeFile`: the manifest checked and the data decrypted and inflated, as JSON text not
 * yet parsed. The desk parses it in its archive worker (`parseExchangeData`): text crosses threads in a few
 * milliseconds where 10,000 parsed declarations take tenths of a second.
 */
export async function openExchangeFile(p: ExchangePrimitives, bytes: Uint8Array, passphrase: string, e: ReadExpect): Promise<{ manifest: Manifest; json: string }> {
  const { manifest, parts } = readManifest(p, bytes, e);
  const key = await p.scrypt(passphrase, manifest.kdf);
  const { parti: _parti, ...head } = manifest;
  const plain = p.open(key, manifest.cifratura.iv, parts[EXCHANGE_PARTS.data] as Uint8Array, parts[EXCHANGE_PARTS.tag] as Uint8Array, p.utf8(aadOf(head)));
  if (!plain) {
    throw refuse(
      EXCHANGE_ERRORS.PASSPHRASE,
      `Passphrase errata per il file ${e.fileName} (oppure il file è stato alterato): il contenuto non può essere decifrato. Verificare la passphrase concordata con lo sportello ${manifest.sportello}.`,
    );
  }
  let json: string;
  try {
    json = p.fromUtf8(p.inflate(plain));
  } catch {
    throw refuse(EXCHANGE_ERRORS.TAMPERED, `Il file ${e.fileName} contiene dati non validi per il formato ${manifest.versione}.`);
  }
  return { manifest, json };
}

/** The second half of `readExchangeFile`: the decrypted JSON checked against the format and the manifest. */
export function parseExchangeData(json: string, manifest: Manifest, fileName: string): ExchangeData {
  let data: ExchangeData;
  try {
    data = ExchangeDataSchema.parse(JSON.parse(json));
  } catch {
    throw refuse(EXCHANGE_ERRORS.TAMPERED, `Il file ${fileName} contiene dati non validi per il formato ${manifest.versione}.`);
  }
  if (data.dichiarazioni.length !== manifest.conteggi.dichiarazioni) {
    throw refuse(EXCHANGE_ERRORS.TAMPERED, `Il file ${fileName} dichiara ${manifest.conteggi.dichiarazioni} dichiarazioni ma ne contiene ${data.dichiarazioni.length}.`);
  }
  for (const d of data.dichiarazioni) {
    if (d.campagna !== manifest.campagna) throw refuse(EXCHANGE_ERRORS.CAMPAIGN, `Il file ${fileName} contiene una dichiarazione della campagna ${d.campagna}.`);
  }
  return data;
}
