/**
 * The print worker: composes and writes PDFs and exports off the main thread (a long job never freezes the
 * window). Requests carry a `seq` and are answered in order; errors cross as data.
 */
import { parentPort } from 'node:worker_threads';
import { AppError, ERROR_CODES } from '#shared/errors';
import { PrintJobs } from './jobs';
import type { PrintWorkerReply, ToPrintWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('print worker: must run as a worker thread');
const jobs = new PrintJobs();
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ToPrintWorker) => {
  // One request at a time, in arrival order (a batch must not interleave with the end of its job).
  queue = queue.then(async () => {
    let reply: PrintWorkerReply;
    try {
      reply = { seq: m.seq, ok: true, result: await jobs.handle(m) };
    } catch (e) {
      const error = e instanceof AppError ? e.toData() : { code: ERROR_CODES.INTERNAL, message: `Errore di stampa: ${e instanceof Error ? e.message : String(e)}` };
      reply = { seq: m.seq, ok: false, error };
    }
    port.postMessage(reply);
  });
});
