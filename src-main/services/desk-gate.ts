/**
 * The desk before and after its archive is open (issue 13 point 3). When the key is known at start (safeStorage,
 * RED_DESK_ARCHIVE_PASSPHRASE) the core starts at once; otherwise the window shows the locked screen, which may
 * only ask `archive.lockState` and `archive.unlock`: every other call is refused (ARC-11) until the passphrase
 * opens the archive. Both shells (Electron, browser host) talk to this gate, never to a core that is not there.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { API, type ApiReply, type EventName } from '#shared/api/contract';
import { AppError, ERROR_CODES } from '#shared/errors';
import { isPlainSqlite } from '../archive/cipher';
import { choosePassphrase, keyFromPassphrase, MIN_PASSPHRASE, planKey, type KeyPlan, type KeySealer } from './archive-key';
import { archiveFile, resolveDataDir, startCore, type Core } from './core';

type StartOptions = NonNullable<Parameters<typeof startCore>[0]>;

export interface DeskGate {
  dataDir: string;
  archiveFile: string;
  registry: { dispatch(method: unknown, input: unknown): Promise<ApiReply> };
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  /** The running core, once the archive is open. */
  core(): Core | null;
  /** Settles when the archive opens (at once, or after the locked screen). */
  opened: Promise<Core>;
  close(): Promise<void>;
}

const refused = (e: unknown): ApiReply => ({
  ok: false,
  error: e instanceof AppError ? e.toData() : { code: ERROR_CODES.INTERNAL, message: `Errore interno: ${e instanceof Error ? e.message : String(e)}` },
});

/**
 * Opens the desk: the key from the first source that answers (safeStorage sealer, then the environment), or a
 * locked gate. Files created from here on are owner-only (umask 077), the data folder 0700.
 */
export async function openDesk(options: StartOptions & { sealer?: KeySealer | undefined; env?: NodeJS.ProcessEnv } = {}): Promise<DeskGate> {
  if (isMainThread) process.umask(0o077);
  const dataDir = options.dataDir ?? resolveDataDir(options.env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = archiveFile(dataDir);
  const present = existsSync(file) && statSync(file).size > 0;
  const plain = present && isPlainSqlite(file);
  const { sealer, env, ...startOptions } = options;
  const plan: KeyPlan = await planKey(dataDir, { sealer, env: env ?? process.env, archiveEncrypted: present && !plain });

  const bus = new EventEmitter();
  let core: Core | null = null;
  let unsubscribe: (() => void) | null = null;
  let settle: (c: Core) => void = () => {};
  const opened = new Promise<Core>((r) => (settle = r));
  const start = async (key: string) => {
    const c = await startCore({ ...startOptions, dataDir, key });
    core = c;
    unsubscribe = c.onEvent((name, payload) => bus.emit('event', name, payload));
    settle(c);
    return c;
  };
  if (plan.kind === 'key') await start(plan.key);

  let pending: Extract<KeyPlan, { kind: 'scegliere' | 'inserire' }> | null = plan.kind === 'key' ? null : plan;
  let busy = false;
  const unlock = async (input: { passphrase: string; conferma?: string | undefined }): Promise<void> => {
    if (!pending) return;
    if (busy) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: "Apertura dell'archivio già in corso: attendere." });
    busy = true;
    try {
      let key: string;
      if (pending.kind === 'scegliere') {
        if (input.conferma !== input.passphrase) {
          throw new AppError({ code: ERROR_CODES.INPUT, field: 'conferma', message: 'Le due passphrase non coincidono: scriverle di nuovo.' });
        }
        key = await choosePassphrase(dataDir, input.passphrase);
        // From now on the passphrase chosen is the archive's: a failed open below asks it again.
        const chosen = await planKey(dataDir, {});
        if (chosen.kind === 'inserire') pending = chosen;
      } else {
        key = await keyFromPassphrase(pending.file, input.passphrase);
      }
      await start(key);
      pending = null;
    } finally {
      busy = false;
    }
  };

  const dispatch = async (method: unknown, input: unknown): Promise<ApiReply> => {
    if (core) return core.registry.dispatch(method, input);
    if (method === 'archive.lockState') {
      return { ok: true, result: { stato: pending?.kind ?? 'aperto', minimo: MIN_PASSPHRASE, archivioInChiaro: plain } };
    }
    if (method === 'archive.unlock') {
      const i = API['archive.unlock'].input.safeParse(input ?? {});
      if (!i.success) return refused(new AppError({ code: ERROR_CODES.INPUT, field: 'passphrase', message: 'Scrivere la passphrase.' }));
      try {
        await unlock(i.data);
        return { ok: true, result: { stato: 'aperto' } };
      } catch (e) {
        return refused(e);
      }
    }
    return refused(new AppError({ code: ERROR_CODES.ARCHIVE_KEY_NEEDED, message: "L'archivio è cifrato e ancora chiuso: inserire la passphrase." }));
  };

  return {
    dataDir,
    archiveFile: file,
    registry: { dispatch },
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    core: () => core,
    opened,
    async close() {
      unsubscribe?.();
      await core?.close();
    },
  };
}
