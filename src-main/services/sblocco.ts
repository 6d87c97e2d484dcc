/**
 * Utilità → "Sblocca dichiarazione errata" (issue 12 point 4; guide p. 70, 97–98): the code the CAF operator reads out
 * is checked here, offline, with the desk's own secret (src-shared/sblocco/codice.ts); only then the archive records
 * the unlock. The secret never leaves the core.
 */
import { createHmac } from 'node:crypto';
import { AppError } from '#shared/errors';
import { chiaveSblocco, normalizza, verificaCodice, type Hmac } from '#shared/sblocco/codice';
import { SBL_CODE } from '#shared/sblocco/regole';
import { romeToday } from '#shared/util/italian-time';
import type { HandlerRegistry } from './registry';
import type { ServiceContext } from './context';

const hmac: Hmac = (key, message) => createHmac('sha256', key).update(message).digest();

export const NO_CREDENTIALS =
  'Sblocco non possibile: lo sportello non ha ancora le credenziali del collegamento al CAF (Utilità → «Impostazioni collegamento CAF»), a cui è legato il codice di sblocco.';

export function registerSbloccoServices(registry: HandlerRegistry, ctx: ServiceContext): HandlerRegistry {
  const now = ctx.clock ?? (() => new Date());
  return registry
    .add('sblocco.info', async ({ id }) => {
      const creds = await ctx.sync.deskCredentials();
      return ctx.archive.call('sbloccoInfo', id, creds?.deskId ?? null);
    })
    .add('sblocco.applica', async ({ id, codiceErrore, codice, motivo }) => {
      const creds = await ctx.sync.deskCredentials();
      if (!creds) throw new AppError({ code: SBL_CODE.CREDENZIALI, message: NO_CREDENTIALS });
      const info = await ctx.archive.call('sbloccoInfo', id, creds.deskId);
      if (!info.errori.some((e) => e.codice === codiceErrore)) {
        throw new AppError({ code: SBL_CODE.STATO, message: `La dichiarazione progressivo ${info.progressivo} non ha l'errore ${codiceErrore} da sbloccare.`, field: 'codiceErrore' });
      }
      const pratica = { deskId: creds.deskId, codiceFiscale: info.codiceFiscale, campagna: info.campagna, progressivo: info.progressivo };
      const v = verificaCodice(hmac, chiaveSblocco(hmac, creds.secret), pratica, codiceErrore, codice, romeToday(now().getTime()));
      if (!v.ok) throw new AppError({ code: SBL_CODE[v.motivo], message: v.message, field: 'codice' });
      const r = await ctx.archive.call(
        'sblocca',
        { id, progressivo: info.progressivo, codiceFiscale: info.codiceFiscale, codiceErrore, codice: normalizza(codice) ?? codice, scadenza: v.scadenza, motivo },
        ctx.operator,
      );
      ctx.emit('archive.changed', { ids: [id] });
      return r;
    });
}
