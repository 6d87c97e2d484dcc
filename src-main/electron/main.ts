/**
 * The Electron shell: one window, the app:// protocol that serves the built renderer, and the single IPC
 * channel onto the core's handler registry. Only this file and preload.ts import `electron`
 * (ARCHITECTURE.md); anything the browser host also needs belongs in src-main/services.
 *
 * The small exported functions are pure so tests can check them without Electron; `bootstrap()` holds the
 * side effects and runs by itself when this file is the entry of the bundle (dist/main/electron-main.cjs).
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  type BrowserWindowConstructorOptions,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ApiReply } from '#shared/api/contract';
import { ERROR_CODES, isAppErrorData } from '#shared/errors';
import { resolveDataDir } from '#main/services/core';
import { openDesk, type DeskGate } from '#main/services/desk-gate';
import type { KeySealer } from '#main/services/archive-key';
import type { SecretSealer } from '#main/sync/sync-service';
import { CONTENT_SECURITY_POLICY, MIME_TYPES, SECURITY_HEADERS, resolveStaticPath } from '#main/services/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'red-desk';
/** Every trusted page lives under this prefix. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** IPC channel names; preload.ts repeats them (it is a separate sandboxed bundle) and a test keeps them equal. */
export const API_CHANNEL = 'red-desk:api';
export const EVENT_CHANNEL = 'red-desk:event';
export const WINDOW_TITLE = 'RED Desk — Monitor Dichiarazioni mod. RED';

export { CONTENT_SECURITY_POLICY };

/** Headers on every app:// response. */
const APP_HEADERS: Readonly<Record<string, string>> = { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' };

/** True for URLs of our own pages: `app://red-desk/…` and nothing that merely resembles it. */
export function isAppUrl(url: string): boolean {
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * An IPC call is trusted only from the main window's top frame while it shows one of our pages: an iframe,
 * another window, or the main frame after it somehow left app:// gets SEC-01.
 */
export function isTrustedSender(frame: { readonly url: string } | null | undefined, mainFrame: unknown): boolean {
  return frame != null && mainFrame != null && frame === mainFrame && isAppUrl(frame.url);
}

/**
 * Maps an app:// URL to a file under `rootDir`, or null if it is not ours or would leave the folder
 * (`..`, encoded `%2e%2e%2f`, backslashes, NUL). `/` means index.html.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return resolveStaticPath(rootDir, url.pathname);
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...APP_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The app:// handler: static files of the built renderer, read-only, with the security headers. */
export async function serveAppRequest(rootDir: string, request: { readonly url: string; readonly method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Metodo non consentito');
  const file = resolveAppPath(rootDir, request.url);
  if (!file) return plainResponse(404, 'Non trovato');
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(await readFile(file));
  } catch {
    return plainResponse(404, 'Non trovato'); // missing file, or a directory
  }
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...APP_HEADERS, 'Content-Type': type },
  });
}

/** The app icon (assets/icon.png, drawn by scripts/make-icon.mjs): next to dist/ in the repo and in app.asar. */
export const APP_ICON = join(__dirname, '..', '..', 'assets', 'icon.png');

export function createMainWindowOptions(preloadPath: string, iconPath: string = APP_ICON): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    icon: iconPath,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** The reply to a call from a sender that is not our main frame. */
export function refusedReply(): ApiReply {
  return {
    ok: false,
    error: { code: ERROR_CODES.AUTH, message: 'Richiesta rifiutata: proviene da una pagina non autorizzata di RED Desk.' },
  };
}

/** The `red-desk:api` handler: sender check, then the registry (which validates input and output with zod). */
export function createApiHandler(getCore: () => Pick<DeskGate, 'registry'> | null, getMainFrame: () => unknown) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, input: unknown): Promise<ApiReply> => {
    if (!isTrustedSender(event.senderFrame, getMainFrame())) return refusedReply();
    const core = getCore();
    if (!core) return { ok: false, error: { code: ERROR_CODES.INTERNAL, message: 'RED Desk si sta chiudendo: operazione non eseguita.' } };
    return core.registry.dispatch(method, input);
  };
}

/**
 * "Esci" with the window's close button (p. 103): while a rettificativa R is not complete and sent the window
 * stays open and the operator is told why. The check is asynchronous, so the first close is always held;
 * when the archive allows it the window is closed again, this time for good.
 */
export function createCloseGuard(
  check: () => Promise<{ canExit: boolean; message: string | null }>,
  refuse: (message: string) => void,
  close: () => void,
) {
  let allowed = false;
  let checking = false;
  return (event: { preventDefault(): void }) => {
    if (allowed) return;
    event.preventDefault();
    if (checking) return;
    checking = true;
    void check()
      .then((r) => {
        if (r.canExit) {
          allowed = true;
          close();
        } else refuse(r.message ?? 'Non è possibile uscire ora.');
      })
      .catch(() => {
        // The archive cannot answer (it is closing or broken): never trap the operator in the window.
        allowed = true;
        close();
      })
      .finally(() => {
        checking = false;
      });
  };
}

/** The desk secret sealed with the OS keychain (safeStorage) when the system offers one. */
/** Servizi → Copia: the system's folder chooser (a USB stick), over the focused window; null when cancelled. */
async function chooseFolder(title: string): Promise<string | null> {
  const options = { title, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
  const win = BrowserWindow.getFocusedWindow();
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

function keychainSealer(): { secrets?: SecretSealer } {
  if (!safeStorage.isEncryptionAvailable()) return {};
  return {
    secrets: {
      kind: 'safeStorage',
      seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
      open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    },
  };
}

/**
 * safeStorage counts as a keychain for the archive key only with a real backend: on Linux `basic_text` (a key
 * hard-coded in Chromium) and `unknown` protect nothing, and the passphrase is asked instead.
 */
export function isRealKeychain(available: boolean, platform: NodeJS.Platform, linuxBackend: () => string): boolean {
  if (!available) return false;
  if (platform !== 'linux') return true;
  return !['basic_text', 'unknown'].includes(linuxBackend());
}

/** The archive key sealed by safeStorage (issue 13 point 3), when the system offers a real keychain. */
function archiveKeySealer(): { sealer?: KeySealer } {
  if (!isRealKeychain(safeStorage.isEncryptionAvailable(), process.platform, () => safeStorage.getSelectedStorageBackend())) return {};
  return {
    sealer: {
      seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
      open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    },
  };
}

type NavigationEvent = { readonly url: string; preventDefault(): void };
type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
const hardened = new WeakSet<object>();

/**
 * Applied to every webContents (the main window's and any other): no navigation or redirect away from
 * app://red-desk, no new windows, no <webview>. Idempotent.
 */
export function hardenWebContents(contents: HardenableContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const guard = (event: NavigationEvent) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The text of the startup error box: the core's Italian message (archive locked, unreadable, newer…). */
export function startupErrorMessage(e: unknown): string {
  if (isAppErrorData(e)) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  return `Avvio di RED Desk non riuscito: ${detail}`;
}

/** How long quitting waits for the archive to drain before giving up. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Starts the app. Everything with a side effect is here; it must run before `ready` (scheme privileges,
 * sandbox switch), so the bundle entry calls it at load.
 */
export function bootstrap(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  // standard + secure: relative URLs, a secure context and ES modules from app://; supportFetchAPI for fetch().
  // corsEnabled stays off, so no other origin can read app:// responses.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);

  let core: DeskGate | null = null;
  let mainWindow: BrowserWindow | null = null;
  let phase: 'starting' | 'running' | 'closing' | 'closed' = 'starting';

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Settles when startCore does (null on failure), so a quit during startup waits for the archive to open
  // and then closes it, instead of killing its worker half-way.
  let settleStartup: (started: DeskGate | null) => void = () => {};
  const startup = new Promise<DeskGate | null>((resolve) => (settleStartup = resolve));

  /** Drains the core once, then quits; every later quit request passes straight through. */
  const shutdown = async () => {
    if (phase === 'closing' || phase === 'closed') return;
    const wasStarting = phase === 'starting';
    phase = 'closing';
    const drain = async () => {
      const closing = wasStarting ? await startup : core;
      core = null;
      if (closing) await closing.close();
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => {
      timer = setTimeout(() => {
        console.error(`[electron] archivio non chiuso entro ${CLOSE_TIMEOUT_MS} ms: uscita comunque`);
        done();
      }, CLOSE_TIMEOUT_MS);
    });
    try {
      await Promise.race([drain(), timeout]);
    } catch (e) {
      console.error("[electron] chiusura dell'archivio non riuscita:", e);
    } finally {
      clearTimeout(timer);
    }
    phase = 'closed';
    app.quit();
  };
  app.on('before-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    void shutdown();
  });
  app.on('window-all-closed', () => void shutdown());

  const start = async () => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    const rendererDir = join(__dirname, '..', 'renderer');
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
    ipcMain.handle(
      API_CHANNEL,
      createApiHandler(
        () => core,
        () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null),
      ),
    );

    let started: DeskGate;
    try {
      // The same folder as the browser host (RED_DESK_DATA_DIR, else the user's application-data folder):
      // one archive per user whichever way RED Desk is started.
      // Prints open in the system's PDF viewer; "Apri cartella stampe" opens the folder (issue 10).
      // The archive key from safeStorage with a real keychain; otherwise the window opens on the locked screen.
      started = await openDesk({ dataDir: resolveDataDir(), ...keychainSealer(), ...archiveKeySealer(), openPath: (p) => shell.openPath(p), chooseFolder });
    } catch (e) {
      console.error('[electron] avvio del core non riuscito:', e);
      settleStartup(null);
      dialog.showErrorBox('RED Desk', startupErrorMessage(e));
      phase = 'closed';
      app.exit(1); // nothing is open yet: no drain needed
      return;
    }
    settleStartup(started);
    // A quit arrived while the archive was opening: shutdown() closes it; no window.
    if (phase !== 'starting') return;
    core = started;
    phase = 'running';

    const win = new BrowserWindow(createMainWindowOptions(join(__dirname, 'preload.cjs')));
    mainWindow = win;
    hardenWebContents(win.webContents);
    const unsubscribe = started.onEvent((name, payload) => {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
    });
    win.once('ready-to-show', () => win.show());
    win.on(
      'close',
      createCloseGuard(
        async () => {
          const reply = await started.registry.dispatch('app.exitCheck', {});
          if (!reply.ok) throw new Error(reply.error.message);
          return reply.result as { canExit: boolean; message: string | null };
        },
        (message) => void dialog.showMessageBox(win, { type: 'warning', title: 'RED Desk', message }),
        () => {
          if (!win.isDestroyed()) win.close();
        },
      ),
    );
    win.on('closed', () => {
      unsubscribe();
      mainWindow = null;
    });
    try {
      await win.loadURL(APP_ENTRY_URL);
    } catch (e) {
      // The window is created hidden: without this the operator would see nothing at all.
      console.error("[electron] caricamento dell'interfaccia non riuscito:", e);
      dialog.showErrorBox('RED Desk', `Interfaccia non caricata: ${e instanceof Error ? e.message : String(e)}`);
      void shutdown();
    }
  };

  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => console.error('[electron] avvio non riuscito:', e));
}

/**
 * True when this module is the program Electron runs: in the CommonJS bundle `require.main === module`.
 * Under vitest (ES modules, electron mocked) neither exists, so importing this file has no side effects.
 */
function isBundleEntry(): boolean {
  return typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module;
}

if (isBundleEntry()) bootstrap();
