/**
 * The Electron shell (src-main/electron/main.ts, preload.ts) under fakes: Electron's binary can't run on
 * these machines (TOOLCHAIN.md §1), so `electron` and the core are mocked and the wiring is checked:
 * window hardening, the IPC sender check, navigation/window.open/webview/permission denial, the app://
 * handler's path-traversal refusal, startup failure and the quit drain.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { AppError } from '#shared/errors';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(name: string, l: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
      return this;
    }
    once(name: string, l: Listener) {
      return this.on(name, l);
    }
    removeListener(name: string, l: Listener) {
      this.listeners.set(name, (this.listeners.get(name) ?? []).filter((x) => x !== l));
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const l of this.listeners.get(name) ?? []) l(...args);
    }
    count(name: string) {
      return this.listeners.get(name)?.length ?? 0;
    }
  }

  class FakeWebContents extends Emitter {
    mainFrame = { url: 'app://red-desk/index.html' };
    windowOpenHandler: ((details: unknown) => unknown) | null = null;
    sent: unknown[][] = [];
    setWindowOpenHandler(fn: (details: unknown) => unknown) {
      this.windowOpenHandler = fn;
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
  }

  const state = {
    lock: true,
    windows: [] as FakeWindow[],
    ipcHandlers: new Map<string, Listener>(),
    protocolHandlers: new Map<string, Listener>(),
    schemes: [] as unknown[],
    errorBoxes: [] as [string, string][],
    openDialogs: [] as unknown[],
    openDialogAnswer: { canceled: true, filePaths: [] as string[] },
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    startCore: null as unknown as Mock<(...args: unknown[]) => unknown>,
    app: null as unknown as FakeApp,
  };

  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    minimized = false;
    destroyed = false;
    static getFocusedWindow(): FakeWindow | null {
      return state.windows[0] ?? null;
    }
    constructor(readonly options: { title?: string; webPreferences?: Record<string, unknown> }) {
      super();
      state.windows.push(this);
      state.app.emit('web-contents-created', {}, this.webContents);
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return this.minimized;
    }
  }

  class FakeApp extends Emitter {
    readonly quit = vi.fn();
    readonly exit = vi.fn();
    readonly enableSandbox = vi.fn();
    readonly requestSingleInstanceLock = vi.fn(() => state.lock);
    readonly getPath = vi.fn((_name: string) => '/tmp/red-desk-user-data');
    whenReady() {
      return Promise.resolve();
    }
  }

  const ipcRendererListeners = new Emitter();
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, result: 'dal main' })),
    on: (name: string, l: Listener) => ipcRendererListeners.on(name, l),
    removeListener: (name: string, l: Listener) => ipcRendererListeners.removeListener(name, l),
  };
  const exposed = new Map<string, unknown>();

  function reset() {
    state.lock = true;
    state.windows = [];
    state.ipcHandlers.clear();
    state.protocolHandlers.clear();
    state.schemes = [];
    state.errorBoxes = [];
    state.permissionRequestHandler = null;
    state.permissionCheckHandler = null;
    state.app = new FakeApp();
  }
  reset();

  return { state, reset, FakeWindow, FakeWebContents, ipcRenderer, ipcRendererListeners, exposed };
});

vi.mock('electron', () => ({
  // `app` is read at call time so each test gets a fresh one.
  get app() {
    return h.state.app;
  },
  BrowserWindow: h.FakeWindow,
  ipcMain: { handle: (channel: string, fn: Listener) => h.state.ipcHandlers.set(channel, fn) },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => h.state.schemes.push(...schemes),
    handle: (scheme: string, fn: Listener) => h.state.protocolHandlers.set(scheme, fn),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: Listener) => (h.state.permissionRequestHandler = fn),
      setPermissionCheckHandler: (fn: Listener) => (h.state.permissionCheckHandler = fn),
    },
  },
  dialog: {
    showErrorBox: (title: string, message: string) => h.state.errorBoxes.push([title, message]),
    showOpenDialog: async (...args: unknown[]) => {
      h.state.openDialogs.push(args);
      return h.state.openDialogAnswer;
    },
  },
  // A stand-in keychain: reversible, and visibly not the plain text.
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain: string) => Buffer.from(`sigillato:${[...plain].reverse().join('')}`),
    decryptString: (b: Buffer) => [...b.toString().replace(/^sigillato:/, '')].reverse().join(''),
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => h.exposed.set(key, value) },
  ipcRenderer: h.ipcRenderer,
}));

vi.mock('#main/services/core', () => ({
  resolveDataDir: () => process.env.RED_DESK_DATA_DIR ?? '/tmp/red-desk-data-dir',
}));
// The shell opens the desk through its gate (locked screen or key): the gate is what starts the core.
vi.mock('#main/services/desk-gate', () => ({
  openDesk: (...args: unknown[]) => h.state.startCore(...args),
}));

const shell = await import('#main/electron/main');
/** The fake app as it was right after the import, before any test called bootstrap(). */
const appAtImport = h.state.app;

type EventListener = (name: string, payload: unknown) => void;

function fakeCore() {
  const listeners: EventListener[] = [];
  let releaseClose: () => void = () => {};
  return {
    listeners,
    releaseClose: () => releaseClose(),
    core: {
      dataDir: '/tmp/red-desk-data',
      registry: { dispatch: vi.fn(async (method: unknown, _input: unknown) => ({ ok: true, result: { method } })) },
      onEvent: vi.fn((l: EventListener) => {
        listeners.push(l);
        return () => listeners.splice(listeners.indexOf(l), 1);
      }),
      close: vi.fn(() => new Promise<void>((resolve) => (releaseClose = resolve))),
    },
  };
}

/** Runs bootstrap() against fresh fakes and waits until the window exists (or startup failed). */
async function boot(startCore: () => Promise<unknown>) {
  h.reset();
  h.state.startCore = vi.fn(startCore);
  shell.bootstrap();
  await vi.waitFor(() => {
    if (h.state.windows.length === 0 && h.state.errorBoxes.length === 0) throw new Error('non ancora avviato');
  });
  return h.state.windows[0];
}

type ApiHandler = (event: unknown, method: unknown, input: unknown) => Promise<unknown>;
type NavEvent = { url: string; preventDefault: ReturnType<typeof vi.fn> };
const nav = (url: string): NavEvent => ({ url, preventDefault: vi.fn() });

describe('Electron shell: main process', () => {
  let fake: ReturnType<typeof fakeCore>;
  let win: InstanceType<typeof h.FakeWindow>;

  beforeEach(async () => {
    fake = fakeCore();
    win = (await boot(async () => fake.core))!;
  });

  it('creates one hardened window and starts the core in the same data folder as the browser host', async () => {
    expect(h.state.windows).toHaveLength(1);
    const prefs = win.options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(win.options).toMatchObject({ title: 'RED Desk — Monitor Dichiarazioni mod. RED', width: 1280, height: 800, minWidth: 1024, minHeight: 700 });
    expect(win.loadURL).toHaveBeenCalledWith('app://red-desk/index.html');
    // The window's icon is assets/icon.png, a real 512×512 RGBA PNG (the installers use the same file).
    const icon = readFileSync(String((win.options as { icon?: unknown }).icon));
    expect(icon.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20), icon[24], icon[25]]).toEqual([512, 512, 8, 6]);
    expect(h.state.app.enableSandbox).toHaveBeenCalled();
    const expectedDir = process.env.RED_DESK_DATA_DIR ?? '/tmp/red-desk-data-dir';
    expect(h.state.startCore).toHaveBeenCalledWith({
      dataDir: expectedDir,
      secrets: expect.objectContaining({ kind: 'safeStorage' }),
      // The archive key sealed by the keychain (a real backend: not Linux basic_text).
      sealer: expect.objectContaining({ seal: expect.any(Function), open: expect.any(Function) }),
      // Prints open in the system viewer (issue 10).
      openPath: expect.any(Function),
      // Servizi → Copia: the system's folder chooser for the destination.
      chooseFolder: expect.any(Function),
    });
    // The folder chooser: a folder (a new one may be made) over the window; null when the operator cancels.
    const { chooseFolder } = h.state.startCore.mock.calls[0]?.[0] as { chooseFolder: (title: string) => Promise<string | null> };
    expect(await chooseFolder('Cartella')).toBeNull();
    h.state.openDialogAnswer = { canceled: false, filePaths: ['/media/chiavetta'] };
    expect(await chooseFolder('Cartella')).toBe('/media/chiavetta');
    expect(h.state.openDialogs.at(-1)).toEqual([win, { title: 'Cartella', properties: ['openDirectory', 'createDirectory'] }]);
    // The desk secret goes to the archive sealed by the OS keychain, and comes back.
    const { secrets } = h.state.startCore.mock.calls[0]?.[0] as { secrets: { seal(s: string): string; open(s: string): string } };
    const sealed = secrets.seal('segreto-dello-sportello');
    expect(sealed).not.toContain('segreto');
    expect(secrets.open(sealed)).toBe('segreto-dello-sportello');
  });

  it('registers app:// as a privileged standard, secure scheme without CORS', () => {
    expect(h.state.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(h.state.protocolHandlers.has('app')).toBe(true);
  });

  it('refuses IPC calls from a foreign frame or URL with SEC-01, and dispatches those from the app frame', async () => {
    const handler = h.state.ipcHandlers.get('red-desk:api') as ApiHandler;
    expect(handler).toBeDefined();
    const refused = { ok: false, error: { code: 'SEC-01' } };

    // A frame that is not the main window's main frame (an iframe, another window), even on app://.
    await expect(handler({ senderFrame: { url: 'app://red-desk/index.html' } }, 'app.info', {})).resolves.toMatchObject(refused);
    // No frame at all (destroyed).
    await expect(handler({ senderFrame: null }, 'app.info', {})).resolves.toMatchObject(refused);
    // The main frame, but showing a foreign page.
    win.webContents.mainFrame.url = 'https://evil.example/app://red-desk/';
    await expect(handler({ senderFrame: win.webContents.mainFrame }, 'app.info', {})).resolves.toMatchObject(refused);
    win.webContents.mainFrame.url = 'app://red-desk.evil.example/index.html';
    await expect(handler({ senderFrame: win.webContents.mainFrame }, 'app.info', {})).resolves.toMatchObject(refused);
    expect(fake.core.registry.dispatch).not.toHaveBeenCalled();

    win.webContents.mainFrame.url = 'app://red-desk/index.html';
    await expect(handler({ senderFrame: win.webContents.mainFrame }, 'app.info', {})).resolves.toEqual({ ok: true, result: { method: 'app.info' } });
    expect(fake.core.registry.dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it('denies window.open, external navigation and redirects, <webview>', () => {
    const wc = win.webContents;
    expect(wc.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'app://red-desk/index.html' })).toEqual({ action: 'deny' });

    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      // Registered once even though both web-contents-created and the window setup harden it.
      expect(wc.count(event)).toBe(1);
      const external = nav('https://example.com/phish');
      wc.emit(event, external);
      expect(external.preventDefault, event).toHaveBeenCalled();
      const file = nav('file:///etc/passwd');
      wc.emit(event, file);
      expect(file.preventDefault, event).toHaveBeenCalled();
      const own = nav('app://red-desk/index.html#/monitor');
      wc.emit(event, own);
      expect(own.preventDefault, event).not.toHaveBeenCalled();
    }

    const webview = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('hardens any other webContents too', () => {
    const other = new h.FakeWebContents();
    h.state.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({})).toEqual({ action: 'deny' });
    const external = nav('https://example.com');
    other.emit('will-navigate', external);
    expect(external.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    h.state.permissionRequestHandler?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(h.state.permissionCheckHandler?.({}, 'clipboard-read', 'app://red-desk', {})).toBe(false);
  });

  it('refuses path traversal in the registered app:// handler', async () => {
    const handler = h.state.protocolHandlers.get('app') as (r: { url: string; method: string }) => Promise<Response>;
    for (const url of [
      'app://red-desk/..%2f..%2f..%2fetc%2fpasswd',
      'app://red-desk/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://red-desk/..%5c..%5cpackage.json',
      'app://other-host/index.html',
    ]) {
      const res = await handler({ url, method: 'GET' });
      expect(res.status, url).toBe(404);
      expect(res.headers.get('Content-Security-Policy')).toBe(shell.CONTENT_SECURITY_POLICY);
    }
  });

  it('forwards core events to the window on red-desk:event', () => {
    expect(fake.listeners).toHaveLength(1);
    fake.listeners[0]!('archive.changed', { ids: [7] });
    expect(win.webContents.sent).toEqual([['red-desk:event', 'archive.changed', { ids: [7] }]]);
    win.destroyed = true;
    fake.listeners[0]!('archive.changed', { ids: [8] });
    expect(win.webContents.sent).toHaveLength(1);
  });

  it('focuses the window when a second instance starts', () => {
    win.minimized = true;
    h.state.app.emit('second-instance', {}, [], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('on quit drains the core once, then quits', async () => {
    const first = { preventDefault: vi.fn() };
    h.state.app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    const again = { preventDefault: vi.fn() };
    h.state.app.emit('window-all-closed');
    h.state.app.emit('before-quit', again);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(fake.core.close).toHaveBeenCalledTimes(1);
    expect(h.state.app.quit).not.toHaveBeenCalled();

    fake.releaseClose();
    await vi.waitFor(() => expect(h.state.app.quit).toHaveBeenCalledTimes(1));
    const last = { preventDefault: vi.fn() };
    h.state.app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    // Calls after the core closed are refused as data, not thrown.
    const handler = h.state.ipcHandlers.get('red-desk:api') as ApiHandler;
    await expect(handler({ senderFrame: win.webContents.mainFrame }, 'app.info', {})).resolves.toMatchObject({ ok: false });
  });
});

describe('Electron shell: startup', () => {
  it('shows the core error in a box and exits when the archive cannot be opened', async () => {
    const message = "L'archivio è già aperto da un'altra istanza di RED Desk.";
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await boot(async () => {
      throw new AppError({ code: 'ARC-01', message });
    });
    expect(h.state.errorBoxes).toEqual([['RED Desk', message]]);
    expect(h.state.app.exit).toHaveBeenCalledWith(1);
    expect(h.state.windows).toHaveLength(0);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  it('a quit during startup waits for the archive to open, closes it and opens no window', async () => {
    h.reset();
    const fake = fakeCore();
    let open: (core: unknown) => void = () => {};
    h.state.startCore = vi.fn(() => new Promise((resolve) => (open = resolve)));
    shell.bootstrap();
    await vi.waitFor(() => expect(h.state.startCore).toHaveBeenCalled());
    const quit = { preventDefault: vi.fn() };
    h.state.app.emit('before-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    expect(h.state.app.quit).not.toHaveBeenCalled();

    open(fake.core);
    await vi.waitFor(() => expect(fake.core.close).toHaveBeenCalledTimes(1));
    expect(h.state.app.quit).not.toHaveBeenCalled();
    fake.releaseClose();
    await vi.waitFor(() => expect(h.state.app.quit).toHaveBeenCalledTimes(1));
    expect(h.state.windows).toHaveLength(0);
  });

  it('quits at once when another instance holds the lock', () => {
    h.reset();
    h.state.lock = false;
    h.state.startCore = vi.fn();
    shell.bootstrap();
    expect(h.state.app.quit).toHaveBeenCalled();
    expect(h.state.schemes).toEqual([]);
    expect(h.state.startCore).not.toHaveBeenCalled();
  });

  it('importing the module has no side effects (bootstrap runs only as the bundle entry)', () => {
    expect(appAtImport.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(appAtImport.listeners.size).toBe(0);
  });
});

describe('Electron shell: pure helpers', () => {
  const root = mkdtempSync(join(tmpdir(), 'red-desk-app-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>RED Desk</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'segreto.txt'), 'non leggibile');
  writeFileSync(join(root, 'renderer-secret.txt'), 'nemmeno questo');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('resolveAppPath stays inside the renderer folder', () => {
    expect(shell.resolveAppPath(renderer, 'app://red-desk/')).toBe(join(renderer, 'index.html'));
    expect(shell.resolveAppPath(renderer, 'app://red-desk/assets/app.js?v=1#x')).toBe(join(renderer, 'assets', 'app.js'));
    // The URL parser already folds plain and %2e dot segments into the root.
    expect(shell.resolveAppPath(renderer, 'app://red-desk/../segreto.txt')).toBe(join(renderer, 'segreto.txt'));
    for (const url of [
      'app://red-desk/..%2fsegreto.txt',
      'app://red-desk/assets/..%2f..%2fsegreto.txt',
      'app://red-desk/..%2frenderer-secret.txt',
      'app://red-desk/..%5csegreto.txt',
      'app://red-desk/index.html%00.js',
      'app://red-desk/%E0%A4%A',
      'app://evil/index.html',
      'https://red-desk/index.html',
      'not a url',
    ]) {
      expect(shell.resolveAppPath(renderer, url), url).toBeNull();
    }
  });

  it('serveAppRequest serves files with CSP and nosniff, never a file outside', async () => {
    const ok = await shell.serveAppRequest(renderer, { url: 'app://red-desk/index.html', method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(ok.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(ok.headers.get('Content-Security-Policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(await ok.text()).toContain('RED Desk');
    const js = await shell.serveAppRequest(renderer, { url: 'app://red-desk/assets/app.js', method: 'GET' });
    expect(js.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');

    const outside = await shell.serveAppRequest(renderer, { url: 'app://red-desk/..%2fsegreto.txt', method: 'GET' });
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('non leggibile');
    expect((await shell.serveAppRequest(renderer, { url: 'app://red-desk/assets', method: 'GET' })).status).toBe(404);
    expect((await shell.serveAppRequest(renderer, { url: 'app://red-desk/nope.js', method: 'GET' })).status).toBe(404);
    expect((await shell.serveAppRequest(renderer, { url: 'app://red-desk/index.html', method: 'POST' })).status).toBe(405);
  });

  it('isAppUrl and isTrustedSender accept only our origin and the main frame', () => {
    expect(shell.isAppUrl('app://red-desk/index.html')).toBe(true);
    for (const url of ['app://red-desk', 'app://red-desk.evil/', 'app://red-desk@evil/', 'app://evil/red-desk/', 'https://red-desk/', 'file:///x']) {
      expect(shell.isAppUrl(url), url).toBe(false);
    }
    const main = { url: 'app://red-desk/index.html' };
    expect(shell.isTrustedSender(main, main)).toBe(true);
    expect(shell.isTrustedSender({ ...main }, main)).toBe(false);
    expect(shell.isTrustedSender(null, main)).toBe(false);
    expect(shell.isTrustedSender(main, null)).toBe(false);
  });

  it('startupErrorMessage uses the core message, or wraps an unexpected error in Italian', () => {
    expect(shell.startupErrorMessage(new AppError({ code: 'ARC-03', message: 'Archivio di una versione più recente.' }))).toBe(
      'Archivio di una versione più recente.',
    );
    expect(shell.startupErrorMessage(new Error('boom'))).toBe('Avvio di RED Desk non riuscito: boom');
  });

  it('the close guard keeps the window open while a rettificativa is pending (p. 103), then lets it close', async () => {
    let answer: { canExit: boolean; message: string | null } = { canExit: false, message: 'Non è possibile uscire: la dichiarazione rettificativa (progressivo 7) deve essere resa completa e inviata.' };
    const refuse = vi.fn();
    const close = vi.fn();
    const guard = shell.createCloseGuard(async () => answer, refuse, close);
    const first = { preventDefault: vi.fn() };
    guard(first);
    expect(first.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(refuse).toHaveBeenCalledWith(answer.message));
    expect(close).not.toHaveBeenCalled();
    answer = { canExit: true, message: null };
    guard({ preventDefault: vi.fn() });
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    const last = { preventDefault: vi.fn() };
    guard(last); // the close() the guard asked for passes through
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('the close guard never traps the operator when the archive cannot answer', async () => {
    const close = vi.fn();
    shell.createCloseGuard(async () => Promise.reject(new Error('chiuso')), vi.fn(), close)({ preventDefault: vi.fn() });
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));
  });
});

describe('Electron shell: preload', () => {
  it('exposes redDeskBridge over the same channels as main.ts, without leaking the IPC event', async () => {
    const preload = await import('#main/electron/preload');
    expect(preload.API_CHANNEL).toBe(shell.API_CHANNEL);
    expect(preload.EVENT_CHANNEL).toBe(shell.EVENT_CHANNEL);
    expect(h.exposed.get('redDeskBridge')).toBe(preload.bridge);
    expect(Object.keys(preload.bridge).sort()).toEqual(['call', 'onEvent']);

    await expect(preload.bridge.call('app.info', {})).resolves.toEqual({ ok: true, result: 'dal main' });
    expect(h.ipcRenderer.invoke).toHaveBeenCalledWith('red-desk:api', 'app.info', {});

    const seen: unknown[][] = [];
    const off = preload.bridge.onEvent((...args) => seen.push(args));
    h.ipcRendererListeners.emit('red-desk:event', { sender: 'ipcRenderer!' }, 'archive.changed', { ids: [1] });
    expect(seen).toEqual([['archive.changed', { ids: [1] }]]);
    off();
    expect(h.ipcRendererListeners.count('red-desk:event')).toBe(0);
    h.ipcRendererListeners.emit('red-desk:event', {}, 'archive.changed', { ids: [2] });
    expect(seen).toHaveLength(1);
  });
});

describe('scripts/check-electron-security.mjs', () => {
  const script = fileURLToPath(new URL('../../scripts/check-electron-security.mjs', import.meta.url));
  const mainTs = fileURLToPath(new URL('../../src-main/electron/main.ts', import.meta.url));

  it('passes on main.ts', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails on a weakened copy, naming what is missing or forbidden', () => {
    const dir = mkdtempSync(join(tmpdir(), 'red-desk-sec-'));
    try {
      const weak = readFileSync(mainTs, 'utf8')
        .replace('sandbox: true', 'sandbox: false')
        .replace("contents.setWindowOpenHandler(() => ({ action: 'deny' }));", '// window.open allowed');
      const file = join(dir, 'main.ts');
      writeFileSync(file, weak);
      const run = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('manca (missing): sandbox: true');
      expect(run.stderr).toContain('manca (missing): setWindowOpenHandler');
      expect(run.stderr).toContain('vietato (forbidden): sandbox: false');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const builderYml = fileURLToPath(new URL('../../electron-builder.yml', import.meta.url));
  it('requires the Electron fuses in electron-builder.yml, with keys electron-builder knows', () => {
    const yml = readFileSync(builderYml, 'utf8');
    const scheme = JSON.parse(readFileSync(fileURLToPath(new URL('../../node_modules/app-builder-lib/scheme.json', import.meta.url)), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const block = /^electronFuses:\n((?:[ \t]+\S.*\n)+)/m.exec(yml)?.[1] ?? '';
    const keys = [...block.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!);
    expect(keys).toEqual(expect.arrayContaining(['runAsNode', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar']));
    for (const k of keys) expect(Object.keys(scheme.definitions.FuseOptionsV1.properties), k).toContain(k);
    const dir = mkdtempSync(join(tmpdir(), 'red-desk-fuses-'));
    try {
      const cases: [string, string, string[]][] = [
        ['none.yml', yml.replace(/^electronFuses:\n(?:[ \t]+\S.*\n)+/m, ''), ['runAsNode', 'onlyLoadAppFromAsar', 'enableEmbeddedAsarIntegrityValidation']],
        ['weak.yml', yml.replace('runAsNode: false', 'runAsNode: true').replace('enableNodeCliInspectArguments: false', '# inspect allowed'), ['electronFuses.runAsNode): atteso false, trovato true', 'electronFuses.enableNodeCliInspectArguments): atteso false, trovato assente']],
      ];
      for (const [name, text, expected] of cases) {
        const file = join(dir, name);
        writeFileSync(file, text);
        const run = spawnSync(process.execPath, [script, '--builder', file], { encoding: 'utf8' });
        expect(run.status, name).toBe(1);
        for (const e of expected) expect(run.stderr, name).toContain(e);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Electron shell: the archive key and the keychain (issue 13 point 3)', () => {
  it('takes safeStorage as a keychain only with a real backend: never Linux basic_text or unknown', () => {
    expect(shell.isRealKeychain(true, 'linux', () => 'gnome_libsecret')).toBe(true);
    expect(shell.isRealKeychain(true, 'linux', () => 'kwallet5')).toBe(true);
    expect(shell.isRealKeychain(true, 'linux', () => 'basic_text')).toBe(false);
    expect(shell.isRealKeychain(true, 'linux', () => 'unknown')).toBe(false);
    expect(shell.isRealKeychain(true, 'darwin', () => 'unknown')).toBe(true);
    expect(shell.isRealKeychain(true, 'win32', () => 'unknown')).toBe(true);
    expect(shell.isRealKeychain(false, 'darwin', () => 'unknown')).toBe(false);
  });
});
