import { z } from 'zod';
import { API, API_METHODS, isApiMethod, type ApiMethod, type ApiOutput, type ApiReply } from '#shared/api/contract';
import { AppError, ERROR_CODES, type AppErrorData } from '#shared/errors';

// Validation messages in Italian, like every other message the operator sees.
z.config(z.locales.it());

export type Handler<M extends ApiMethod> = (input: z.output<(typeof API)[M]['input']>) => Promise<ApiOutput<M>>;

function inputError(method: string, err: z.ZodError): AppErrorData {
  const issue = err.issues[0];
  const field = issue?.path.join('.') || undefined;
  const message = `Dati non validi per ${method}${field ? ` (campo ${field})` : ''}: ${issue?.message ?? 'formato errato'}.`;
  return field ? { code: ERROR_CODES.INPUT, message, field } : { code: ERROR_CODES.INPUT, message };
}

/**
 * Maps API method names to their implementation. Both transports (Electron IPC and the browser host)
 * call `dispatch`, which validates the input with the contract's zod schema, runs the handler, checks
 * the output against the contract and returns errors as data.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<ApiMethod, Handler<ApiMethod>>();

  add<M extends ApiMethod>(method: M, handler: Handler<M>): this {
    if (this.handlers.has(method)) throw new Error(`Handler già registrato: ${method}`);
    this.handlers.set(method, handler as unknown as Handler<ApiMethod>);
    return this;
  }

  methods(): ApiMethod[] {
    return [...this.handlers.keys()];
  }

  /** Every method of the contract must have a handler, and nothing else. */
  assertComplete(): this {
    const missing = API_METHODS.filter((m) => !this.handlers.has(m));
    if (missing.length) throw new Error(`Handler mancanti: ${missing.join(', ')}`);
    return this;
  }

  async dispatch(method: unknown, rawInput: unknown): Promise<ApiReply> {
    if (!isApiMethod(method)) {
      return { ok: false, error: { code: ERROR_CODES.INPUT, message: `Operazione sconosciuta: ${String(method).slice(0, 60)}.` } };
    }
    const handler = this.handlers.get(method);
    if (!handler) return { ok: false, error: { code: ERROR_CODES.INTERNAL, message: `Operazione non disponibile: ${method}.` } };
    const parsed = API[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: inputError(method, parsed.error) };
    try {
      const result = await handler(parsed.data as never);
      const out = API[method].output.safeParse(result);
      if (!out.success) {
        return { ok: false, error: { code: ERROR_CODES.INTERNAL, message: `Risposta non conforme per ${method}: ${out.error.issues[0]?.message ?? ''}` } };
      }
      return { ok: true, result: out.data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toData() };
      const msg = e instanceof Error ? e.message : String(e);
      console.error(`[servizi] ${method}:`, e);
      return { ok: false, error: { code: ERROR_CODES.INTERNAL, message: `Errore interno: ${msg}` } };
    }
  }
}
