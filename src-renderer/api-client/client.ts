import {
  EVENTS,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
  type ApiReply,
  type EventName,
  type EventPayload,
  type RedDeskApi,
  type RedDeskBridge,
} from '#shared/api/contract';
import { AppError, isAppErrorData } from '#shared/errors';

type Listener = (payload: unknown) => void;

function unwrap<T>(reply: ApiReply): T {
  if (reply.ok) return reply.result as T;
  throw new AppError(reply.error);
}

class Emitter {
  private readonly listeners = new Map<string, Set<Listener>>();
  on(name: string, l: Listener): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(l);
    return () => set.delete(l);
  }
  emit(name: string, payload: unknown): void {
    if (!(name in EVENTS)) return;
    const parsed = EVENTS[name as EventName].safeParse(payload);
    if (!parsed.success) return;
    for (const l of this.listeners.get(name) ?? []) l(parsed.data);
  }
}

/** Electron: the preload's bridge. */
export function bridgeClient(bridge: RedDeskBridge): RedDeskApi {
  const events = new Emitter();
  bridge.onEvent((name, payload) => events.emit(name, payload));
  return {
    async invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
      return unwrap<ApiOutput<M>>(await bridge.call(method, input));
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return events.on(event, listener as Listener);
    },
  };
}

const TOKEN_KEY = 'red-desk-token';

/** The browser host's token: from the URL it printed (#token=…), kept for reloads in sessionStorage
 * and then removed from the address bar. */
export function takeToken(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The browser host's token kept for this tab (the downloads of stampe/ carry it); null in Electron. */
export function storedToken(): string | null {
  return window.redDeskBridge ? null : sessionStorage.getItem(TOKEN_KEY);
}

/** Browser host: HTTP for calls, a WebSocket for events (reconnecting). */
export function httpClient(token: string): RedDeskApi {
  const events = new Emitter();
  let retry = 500;
  const connect = () => {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${window.location.host}/events?token=${encodeURIComponent(token)}`);
    ws.onopen = () => {
      retry = 500;
    };
    ws.onmessage = (m) => {
      try {
        const data = JSON.parse(String(m.data)) as { event?: unknown; payload?: unknown };
        if (typeof data.event === 'string') events.emit(data.event, data.payload);
      } catch {
        /* ignore a malformed frame */
      }
    };
    ws.onclose = () => {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };
  connect();
  return {
    async invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
      let res: Response;
      try {
        const body = JSON.stringify(input);
        res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Red-Desk-Token': token },
          body,
          // A save sent while the tab is closing still reaches the desk (the browser caps keepalive bodies
          // at 64 KiB; a larger one goes out as a normal request).
          keepalive: body.length < 60_000,
        });
      } catch {
        throw new AppError({ code: 'NET-01', message: 'RED Desk non risponde: verificare che il programma sia ancora aperto.' });
      }
      const body: unknown = await res.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) return unwrap<ApiOutput<M>>(body as ApiReply);
      if (isAppErrorData(body)) throw new AppError(body);
      throw new AppError({ code: 'NET-02', message: `Risposta inattesa (${res.status}).` });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return events.on(event, listener as Listener);
    },
  };
}

export function createClient(): RedDeskApi | null {
  if (window.redDeskBridge) return bridgeClient(window.redDeskBridge);
  const token = takeToken();
  return token ? httpClient(token) : null;
}
