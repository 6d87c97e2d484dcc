import { describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '#shared/api/contract';
import { createServices } from '#main/services/services';
import { HandlerRegistry } from '#main/services/registry';
import type { ArchiveClient } from '#main/archive/client';
import type { CaptureService } from '#main/capture/service-types';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';
import { SyncService } from '#main/sync/sync-service';

const capture: CaptureService = {
  settings: async () => DEFAULT_CAPTURE_SETTINGS,
  saveSettings: async (s) => s,
  devices: async () => ({ devices: [], error: null }),
  state: () => ({ state: 'disattivata', message: '', device: null }),
  start: async () => {},
  stop: async () => {},
};

function services(call = vi.fn()) {
  const archive = { call, file: '/tmp/x.sqlite', schemaVersion: 1 } as unknown as ArchiveClient;
  return createServices({ archive, sync: new SyncService({ archive: archive, operator: 'bench', onState: () => {}, onChanged: () => {} }), capture, dataDir: '/tmp', operator: 'op', version: '0', emit: vi.fn() });
}

describe('handler registry', () => {
  it('has exactly the methods of the contract', () => {
    expect(services().methods().sort()).toEqual([...API_METHODS].sort());
  });

  it('throws on a duplicate handler and on a missing one', () => {
    const r = new HandlerRegistry().add('app.info', async () => ({ version: '', campaign: '', dataDir: '', archiveFile: '', operator: '', schemaVersion: 1, scegliCartella: false }));
    expect(() => r.add('app.info', async () => ({ version: '', campaign: '', dataDir: '', archiveFile: '', operator: '', schemaVersion: 1, scegliCartella: false }))).toThrow(/già registrato/);
    expect(() => r.assertComplete()).toThrow(/Handler mancanti/);
  });

  it('validates input before the handler runs, with an Italian message naming the field', async () => {
    const call = vi.fn();
    const reply = await services(call).dispatch('monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 100000 });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('INPUT-01');
      expect(reply.error.field).toBe('limit');
      expect(reply.error.message).toMatch(/campo limit/);
      expect(reply.error.message).toMatch(/troppo grande|grande/i);
    }
    expect(call).not.toHaveBeenCalled();
    const unknown = await services(call).dispatch('archive.drop', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INPUT-01' } });
    const extra = await services(call).dispatch('app.info', { evil: true });
    expect(extra.ok).toBe(false);
  });

  it('refuses a malformed matricola before touching the archive, naming every wrong field', async () => {
    const call = vi.fn();
    const reply = await services(call).dispatch('declarations.create', { matricola: 'RSSMRA85T10A562SX121200503013I' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('MAT-02');
      expect(reply.error.message).toContain('Codice emissione (posizione 17)');
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('an unexpected failure becomes an internal error value, not a crash', async () => {
    const call = vi.fn().mockRejectedValue(new Error('disk full'));
    const reply = await services(call).dispatch('declarations.detail', { id: 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'SYS-01', message: expect.stringContaining('disk full') } });
  });

  it('checks the output against the contract', async () => {
    const call = vi.fn().mockResolvedValue({ rows: 'not an array', total: 1 });
    const reply = await services(call).dispatch('declarations.findByCodiceFiscale', { codiceFiscale: 'RSS' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'SYS-01' } });
  });
});
