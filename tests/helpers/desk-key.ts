/**
 * The archive key in tests (issue 13 point 3). Desks started by the tests get their passphrase from
 * RED_DESK_ARCHIVE_PASSPHRASE, as unattended use does; a test that reads an archive a desk wrote derives the key
 * from that passphrase and the desk's key file, exactly as the desk does.
 */
import { dirname } from 'node:path';
import { choosePassphrase, keyFromPassphrase, readKeyFile, PASSPHRASE_ENV } from '#main/services/archive-key';
import { openDb, type Db } from '#main/archive/cipher';

export const TEST_PASSPHRASE = 'passphrase di prova dei test';
export const TEST_PASSPHRASE_ENV: Record<string, string> = { [PASSPHRASE_ENV]: TEST_PASSPHRASE };

/** The key of the archive in `dataDir` (null when the desk never ran there: the archive is plain). */
export async function deskKey(dataDir: string, passphrase = TEST_PASSPHRASE): Promise<string | null> {
  const kf = readKeyFile(dataDir);
  if (!kf) return null;
  if (kf.tipo !== 'passphrase') throw new Error('chiave non da passphrase');
  return keyFromPassphrase(kf, passphrase);
}

/** Opens an archive file written by a test desk (encrypted with the test passphrase). */
export async function openDeskFile(file: string, options: { readonly?: boolean } = {}): Promise<Db> {
  return openDb(file, await deskKey(dirname(file)), { readonly: options.readonly ?? false, fileMustExist: true });
}

/** A desk's key file made ahead of its first start (the test passphrase), for seeding its archive encrypted. */
export async function newDeskKey(dataDir: string): Promise<string> {
  return choosePassphrase(dataDir, TEST_PASSPHRASE);
}
