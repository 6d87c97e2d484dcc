import { afterEach, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../helpers/desk-sync';

/**
 * `writeRedoable` (db.ts): the one kind of transaction that does not wait for the disk — the server's answers,
 * which are sent again and answered the same way if a power cut loses them. Every other write keeps
 * synchronous = FULL, also after a redoable one failed half way.
 */
describe('writeRedoable', () => {
  let desk: TestDesk;
  afterEach(() => desk.close());

  it('commits with synchronous NORMAL and gives FULL back, after a success and after a failure', () => {
    desk = openTestDesk();
    const sync = () => desk.db.pragma('synchronous', { simple: true });
    expect(sync()).toBe(2);
    let inside: unknown = null;
    desk.archive.writeRedoable(() => {
      inside = sync();
      desk.archive.setSetting('prova', 'uno');
    });
    expect(inside).toBe(1);
    expect(sync()).toBe(2);
    expect(desk.archive.getSetting('prova')).toBe('uno');

    expect(() =>
      desk.archive.writeRedoable(() => {
        desk.archive.setSetting('prova', 'due');
        throw new Error('a metà');
      }),
    ).toThrow('a metà');
    expect(sync()).toBe(2);
    // All or nothing, as any transaction.
    expect(desk.archive.getSetting('prova')).toBe('uno');
  });

  it('inside another transaction it is a savepoint of it, and the setting is not touched', () => {
    desk = openTestDesk();
    let inside: unknown = null;
    desk.archive.write(() => {
      desk.archive.writeRedoable(() => {
        inside = desk.db.pragma('synchronous', { simple: true });
        desk.archive.setSetting('prova', 'tre');
      });
    });
    expect(inside).toBe(2);
    expect(desk.archive.getSetting('prova')).toBe('tre');
  });
});
