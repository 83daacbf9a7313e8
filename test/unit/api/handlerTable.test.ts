import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../main/api/channelNames.js';
import { REQUEST_SCHEMAS } from '../../../main/api/contract.js';
import { createHandlerTable, invokeChannel, type HandlerTable } from '../../../main/handlerTable.js';
import type { GenbaEvent } from '../../../main/api/types.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { copyDemoStore, startUpWork } from '../../helpers/demoStore.js';
import { storeDigest } from '../../helpers/storeDigest.js';
import { tempDir } from '../../helpers/tempDir.js';

describe('handler table', () => {
  const dir = tempDir();
  let app: GenbaApp;
  let table: HandlerTable;
  const events: GenbaEvent[] = [];

  beforeAll(async () => {
    app = createApp({ dataDir: dir.path, now: Date.parse('2025-10-23T15:40+09:00') });
    app.events.on((e) => events.push(e));
    await app.start();
    table = createHandlerTable(app);
  });
  afterAll(async () => {
    await app.stop();
    dir.remove();
  });

  it('covers exactly the channels of the contract', () => {
    expect(Object.keys(table).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('built the demo company on first start, reporting progress; the store other tests copy is this very build', async () => {
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.filter((e) => e.type === 'progress' && e.table === 'app_logs').pop()).toMatchObject({ done: 235_550, total: 235_550 });
    // With the start-up work done, and stopped: the work after the build (the log index and families) has finished.
    await startUpWork(app);
    await app.stop();
    const copy = tempDir();
    try {
      await copyDemoStore(copy.path);
      expect(storeDigest(copy.path)).toEqual(storeDigest(dir.path));
    } finally {
      copy.remove();
      await app.start();
    }
  }, 120_000);

  it('answers in the envelope', async () => {
    const status = await table['status.get']({});
    expect(status.ok).toBe(true);
    if (status.ok) expect(status.value.tables.find((t) => t.table === 'locations')?.rows).toBe(6);
    const overview = await table['overview.get'](undefined);
    expect(overview.ok && overview.value.sites.length).toBe(6);
  });

  it('refuses wrong input with a message for the manager, in Japanese by default', async () => {
    const cases: [keyof HandlerTable, unknown][] = [
      ['settings.update', { lang: 'fr' }],
      ['settings.update', {}],
      ['settings.update', { approverName: 'あ'.repeat(101) }],
      ['settings.update', { approverName: 42 }],
      ['alerts.pause', { minutes: -5 }],
      ['alerts.pause', { minutes: '60' }],
      ['status.get', { extra: 1 }],
      ['overview.get', 'a string'],
      ['logs.templates', { level: 'error' }],
      ['logs.search', { text: 'ocr', from: -1 }],
      ['logs.search', { text: 'ocr', service: '' }],
      ['alerts.timeline', {}],
      ['alerts.timeline', { site: '札幌', from: 2000, to: 1000 }],
      ['alerts.incidents', { site: '' }],
    ];
    for (const [channel, input] of cases) {
      const result = await table[channel](input);
      expect(result, `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!result.ok) expect(result.error.message).toContain('入力が正しくありません');
    }
  });

  it('passes log filters through the contract to the core', async () => {
    const all = await table['logs.templates']({});
    const errors = await table['logs.templates']({ level: 'ERROR' });
    expect(all.ok && errors.ok).toBe(true);
    if (all.ok && errors.ok) {
      expect(errors.value.length).toBeGreaterThan(0);
      expect(errors.value.length).toBeLessThan(all.value.length);
      expect(errors.value.every((t) => t.errors > 0)).toBe(true);
    }
  });

  it('gives the incidents and a site timeline through the contract', async () => {
    const report = await table['alerts.incidents']({});
    const timeline = await table['alerts.timeline']({ site: '札幌' });
    expect(report.ok && timeline.ok).toBe(true);
    if (timeline.ok) {
      expect(timeline.value.site).toBe('札幌');
      expect(timeline.value.to - timeline.value.from).toBe(6 * 3_600_000);
      expect(timeline.value.processes.length).toBeGreaterThan(0);
    }
  });

  it('refuses unknown channels', async () => {
    for (const channel of ['db.drop', 42, null, '__proto__']) {
      expect(await invokeChannel(table, app, channel, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('switches the language of settings and of errors', async () => {
    expect(await table['settings.update']({ lang: 'en' })).toEqual({
      ok: true,
      value: { lang: 'en', timeZone: 'Asia/Tokyo', approver: { name: userInfo().username, fromAccount: true } },
    });
    expect(events.some((e) => e.type === 'settings-changed')).toBe(true);
    const result = await table['alerts.pause']({ minutes: 0 });
    expect(!result.ok && result.error.message).toContain('Invalid input');
    await table['settings.update']({ lang: 'ja' });
  });

  it("records decisions under the approver's name from Settings, and under this machine's account when it is blank", async () => {
    const named = await table['settings.update']({ approverName: '  山田太郎 ' });
    expect(named).toEqual({ ok: true, value: { lang: 'ja', timeZone: 'Asia/Tokyo', approver: { name: '山田太郎', fromAccount: false } } });
    expect(events.at(-1)).toEqual({ type: 'settings-changed', settings: named.ok && named.value });
    expect(app.config().approverName).toBe('山田太郎');
    const asked = await app.assistant.ask('札幌のエントリ1工程が遅延しています');
    const decided = await table['proposals.decide']({ id: asked.proposal!.id, action: 'rejected', reason: '様子を見る' });
    expect(decided.ok).toBe(true);
    const listed = await table['approvals.list']({});
    expect(listed.ok && listed.value.find((d) => d.suggestionId === asked.proposal!.id)).toMatchObject({ action: 'rejected', user: '山田太郎' });
    expect(await table['settings.update']({ approverName: '   ' })).toMatchObject({
      ok: true,
      value: { approver: { name: userInfo().username, fromAccount: true } },
    });
    expect(app.config().approverName).toBeNull();
  });

  it('pauses alerts for the requested time on the app clock', async () => {
    const result = await table['alerts.pause']({ minutes: 60 });
    expect(result).toEqual({ ok: true, value: { pausedUntil: Date.parse('2025-10-23T16:40+09:00') } });
    const status = await table['status.get']({});
    expect(status.ok && status.value.alertsPausedUntil).toBe(Date.parse('2025-10-23T16:40+09:00'));
  });

  it('answers with an error envelope, not an exception, when the core is stopped', async () => {
    await app.stop();
    const result = await table['overview.get']({});
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_NOT_STARTED' } });
    await app.start();
  });
});
