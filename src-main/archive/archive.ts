import { ArchiveDb } from './db';
import * as monitor from './monitor';
import * as rows from './monitor-rows';
import * as detail from './detail';
import * as editing from './editing';
import * as checks from './checks';
import * as bulk from './bulk-import';
import * as records from './records';
import * as invio from './invio';
import * as outbox from './outbox';
import * as feed from './feed';
import * as corrections from './corrections';
import * as lists from './transmission-lists';
import * as circolari from './circolari';
import * as vigilanza from './vigilanza';
import * as pr from './prints';
import * as px from './prints-export';
import * as d730 from './dich730';
import * as sb from './sblocchi';
import * as ex from './exchange';
import * as dna from '../modules/inail-dna/store';
import { runDm20 } from '../modules/dm20/ops';
import * as ca from '../modules/flussi-ca/store';
import { RED2009_TRANSMISSION, type TransmissionRules } from '#shared/campaigns/red2009/transmission';
import type { ExportKind, ListFilter } from '#shared/print/api';

export type { Validator, BoundValidator } from './db';
export { normaliseSearch, normaliseNote, normaliseCf } from './monitor-rows';
export type { MonitorQuery } from './monitor';
export type { NewDeclaration, SaveResult } from './editing';
export type { CheckedDeclaration, CheckBatchResult } from './checks';
export type { ImportedDeclaration } from './bulk-import';

/** The arguments of a feature function after its ArchiveDb. */
type Rest<F> = F extends (a: ArchiveDb, ...rest: infer R) => unknown ? R : never;

/**
 * The desk archive as the worker serves it (protocol.ts lists the methods reachable from outside): a thin
 * facade over the feature modules of this folder, each a set of functions of the connection owner (db.ts).
 * Lives in the archive worker (see worker.ts); never on Electron's main thread.
 */
export class Archive extends ArchiveDb {
  // ----- monitor (monitor.ts, monitor-rows.ts, detail.ts) -----
  monitorList(...a: Rest<typeof monitor.monitorList>) { return monitor.monitorList(this, ...a); }
  monitorCounts(...a: Rest<typeof monitor.monitorCounts>) { return monitor.monitorCounts(this, ...a); }
  monitorLocate(...a: Rest<typeof monitor.monitorLocate>) { return monitor.monitorLocate(this, ...a); }
  countDeclarations() { return monitor.countDeclarations(this); }
  monitorRow(...a: Rest<typeof rows.monitorRow>) { return rows.monitorRow(this, ...a); }
  findByCodiceFiscale(...a: Rest<typeof rows.findByCodiceFiscale>) { return rows.findByCodiceFiscale(this, ...a); }
  detail(...a: Rest<typeof detail.detail>) { return detail.detail(this, ...a); }
  history(...a: Rest<typeof detail.history>) { return detail.history(this, ...a); }

  // ----- editing and status (editing.ts), checks (checks.ts), bulk import, settings -----
  create(...a: Rest<typeof editing.create>) { return editing.create(this, ...a); }
  remove(...a: Rest<typeof editing.remove>) { return editing.remove(this, ...a); }
  getForEdit(...a: Rest<typeof editing.getForEdit>) { return editing.getForEdit(this, ...a); }
  saveDocument(...a: Rest<typeof editing.saveDocument>) { return editing.saveDocument(this, ...a); }
  makeComplete(...a: Rest<typeof editing.makeComplete>) { return editing.makeComplete(this, ...a); }
  checkCount(...a: Rest<typeof checks.checkCount>) { return checks.checkCount(this, ...a); }
  checkBatch(...a: Rest<typeof checks.checkBatch>) { return checks.checkBatch(this, ...a); }
  importDeclarations(...a: Rest<typeof bulk.importDeclarations>) { return bulk.importDeclarations(this, ...a); }
  getSetting(...a: Rest<typeof records.getSetting>) { return records.getSetting(this, ...a); }
  setSetting(...a: Rest<typeof records.setSetting>) { return records.setSetting(this, ...a); }

  // ----- transmission to the CAF (invio.ts, outbox.ts, feed.ts, corrections.ts, transmission-lists.ts) -----
  enqueueInvio(
    sel: invio.InvioSelection,
    operator: string,
    rules: TransmissionRules = RED2009_TRANSMISSION,
    nowIso: string = this.now(),
  ): invio.InvioResult {
    return invio.enqueueInvio(this, sel, operator, rules, new Date(nowIso));
  }
  outboxWaiting() { return outbox.outboxWaiting(this); }
  outboxBody(...a: Rest<typeof outbox.outboxBody>) { return outbox.outboxBody(this, ...a); }
  outboxAttemptFailed(...a: Rest<typeof outbox.outboxAttemptFailed>) { outbox.outboxAttemptFailed(this, ...a); }
  outboxRetryNow(...a: Rest<typeof outbox.outboxRetryNow>) { return outbox.outboxRetryNow(this, ...a); }
  outboxDelivered(...a: Rest<typeof outbox.outboxDelivered>) { return outbox.outboxDelivered(this, ...a); }
  outboxRejected(...a: Rest<typeof outbox.outboxRejected>) { return outbox.outboxRejected(this, ...a); }
  syncCursor() { return feed.syncCursor(this); }
  applyChanges(...a: Rest<typeof feed.applyChanges>) { return feed.applyChanges(this, ...a); }
  serverRef(...a: Rest<typeof corrections.serverRef>) { return corrections.serverRef(this, ...a); }
  applyWithdrawn(...a: Rest<typeof corrections.applyWithdrawn>) { return corrections.applyWithdrawn(this, ...a); }
  correggi(id: number, opts: { applySuggestedCf: boolean }, rules: TransmissionRules, nowIso: string, operator: string): corrections.CorreggiResult {
    return corrections.correggi(this, id, opts, rules, new Date(nowIso), operator);
  }
  riattiva9011(...a: Rest<typeof corrections.riattiva9011>) { return corrections.riattiva9011(this, ...a); }
  attesaList() { return lists.attesaList(this); }
  storico(...a: Rest<typeof lists.storico>) { return lists.storico(this, ...a); }
  segnalazioni() { return lists.segnalazioni(this); }
  parkedChanges() { return lists.parkedChanges(this); }
  messagesList() { return lists.messagesList(this); }
  markMessagesRead(...a: Rest<typeof lists.markMessagesRead>) { return lists.markMessagesRead(this, ...a); }
  exitCheck() { return lists.exitCheck(this); }
  outboxCounts() { return lists.outboxCounts(this); }
  circolariList() { return circolari.circolariList(this); }
  markCircolariRead(...a: Rest<typeof circolari.markCircolariRead>) { return circolari.markCircolariRead(this, ...a); }
  controlliList() { return vigilanza.controlliList(this); }

  // ----- prints (prints.ts, prints-export.ts) -----
  printList(...a: Rest<typeof pr.printList>) { return pr.printList(this, ...a); }
  printData(...a: Rest<typeof pr.printData>) { return pr.printData(this, ...a); }
  recordPrints(entries: readonly { id: number; models: string; copies: number }[], operator: string): number {
    return pr.recordPrints(this, entries, operator, this.now());
  }
  setDataConsegna(...a: Rest<typeof pr.setDataConsegna>) { pr.setDataConsegna(this, ...a); }
  exportBatch(kind: ExportKind, filter: ListFilter, cursor: pr.ListCursor | null, limit: number) { return px.exportBatch(this, kind, filter, cursor, limit); }
  labelBatch(...a: Rest<typeof px.labelBatch>) { return px.labelBatch(this, ...a); }
  listIds(filter: ListFilter, cursor: pr.ListCursor | null, limit: number): { ids: number[]; next: pr.ListCursor | null } {
    const r = pr.listBatch(this, filter, cursor, limit);
    return { ids: r.rows.map((x) => x.id), next: r.next };
  }

  // ----- 730s of the CAF (dich730.ts, issue 12) and their unlocks (sblocchi.ts) -----
  import730File(...a: Rest<typeof d730.importFile730>) {
    const r = d730.importFile730(this, ...a);
    this.any730 = null;
    return r;
  }
  list730(...a: Rest<typeof d730.list730>) { return d730.list730(this, ...a); }
  current730For(...a: Rest<typeof d730.current730For>) { return d730.current730For(this, ...a); }
  sbloccoInfo(...a: Rest<typeof sb.sbloccoInfo>) { return sb.sbloccoInfo(this, ...a); }
  sblocca(...a: Rest<typeof sb.sblocca>) { return sb.sblocca(this, ...a); }

  // ----- Servizi: exchange between desks (exchange.ts, issue 13 point 1) -----
  exchangeExport(...a: Rest<typeof ex.exchangeExport>) { return ex.exchangeExport(this, ...a); }
  exchangeWritten(...a: Rest<typeof ex.exchangeWritten>) { ex.exchangeWritten(this, ...a); }
  exchangePlan(...a: Rest<typeof ex.exchangePlan>) { return ex.exchangePlan(this, ...a); }
  exchangeRestore(...a: Rest<typeof ex.exchangeRestore>) { return ex.exchangeRestore(this, ...a); }

  // ----- Altri adempimenti: the modules' stores (src-main/modules/*/store.ts). A new module adds its block here
  // and its method names to ARCHIVE_METHODS (protocol.ts); its store takes the ArchiveDb of ./db. -----
  // INAIL DNA (issue 15)
  dnaDatori() { return dna.datori(this); }
  dnaSalvaDatore(...a: Rest<typeof dna.salvaDatore>) { return dna.salvaDatore(this, ...a); }
  dnaDenunce(...a: Rest<typeof dna.denunce>) { return dna.denunce(this, ...a); }
  dnaSalvaDenuncia(...a: Rest<typeof dna.salvaDenuncia>) { return dna.salvaDenuncia(this, ...a); }
  dnaEliminaDenuncia(...a: Rest<typeof dna.eliminaDenuncia>) { dna.eliminaDenuncia(this, ...a); }
  dnaDaInviare() { return dna.daInviare(this); }
  dnaFileRecords(...a: Rest<typeof dna.fileRecords>) { return dna.fileRecords(this, ...a); }
  dnaSegnaFile(...a: Rest<typeof dna.segnaFile>) { return dna.segnaFile(this, ...a); }
  dnaSegnaRicreato(...a: Rest<typeof dna.segnaRicreato>) { dna.segnaRicreato(this, ...a); }
  dnaFiles() { return dna.files(this); }
  dnaLeggiFile(...a: Rest<typeof dna.leggiFile>) { return dna.leggiFile(this, ...a); }
  // Flussi incassi C.A. (issue 15)
  caEstrazioni() { return ca.estrazioni(this); }
  caImporta(...a: Rest<typeof ca.importa>) { return ca.importa(this, ...a); }
  caDifferenze(...a: Rest<typeof ca.differenze>) { return ca.differenze(this, ...a); }
  caVista(...a: Rest<typeof ca.vista>) { return ca.vista(this, ...a); }
  // DM20-REG (issue 16): one method, its operations in src-main/modules/dm20/ops.ts (typed by callDm20 in service.ts)
  dm20(op: string, args: readonly unknown[]): unknown { return runDm20(this, op, args); }
}
