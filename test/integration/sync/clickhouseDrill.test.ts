import Database from 'better-sqlite3';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { CLICKHOUSE_PASSWORD as SECRET_NAME, memorySecretStore } from '../../../main/config/secretStore.js';
import { createHandlerTable } from '../../../main/handlerTable.js';
import { createClickHouseLogSource } from '../../../main/sync/clickhouseLogSource.js';
import { drillTemplate } from '../../../main/sync/templateDrill.js';
import { maskTokens } from '../../../main/logs/maskTokens.js';
import { chString, shapeSql, shapeText } from '../../../main/sync/logShapeSql.js';
import { CLICKHOUSE_PASSWORD, logsConfig, startClickHouse, type ClickHouse } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const MINUTE = 60_000;
const HOSTS = ['app-01', 'app-02', 'app-03'];

/** A number of 1 to 7 digits, varied by i: sizes and durations as busy servers write them. */
const value = (i: number, salt: number): number => Math.floor(10 ** (((i * 7919 + salt * 104729) % 7000) / 1000));

/**
 * Issue 42: the laptop keeps one row per minute, host, level and shape of a message with each
 * run of digits read as one, so a busy server's numbers of every length make one row per event,
 * not one per combination of lengths; a template's finer shapes and newest lines come from
 * ClickHouse when a manager opens it. Checked against ClickHouse's own counts, by SQL.
 */
describe('a template drilled into ClickHouse (a real clickhouse-server)', () => {
  let ch: ClickHouse;
  let app: GenbaApp;
  const dir = tempDir();
  // 40 minutes before NOW, 30 lines a minute: two events whose numbers take 1 to 7 digits.
  const lines = Array.from({ length: 1200 }, (_, i) => {
    const ts = NOW - 40 * MINUTE + Math.floor(i / 30) * MINUTE + (i % 30) * 1000;
    const host = HOSTS[i % 3]!;
    return i % 4 === 3
      ? { ts, service: 'claims-app', host, level: 'WARN', message: `Slow query took ${value(i, 1)} ms rows=${value(i, 2)}`, trace_id: '' }
      : { ts, service: 'claims-app', host, level: 'INFO', message: `Saved claim ${value(i, 3)} with ${value(i, 4)} items in ${value(i, 5)} ms`, trace_id: '' };
  });
  // One event of two shapes on the server (a key written as a number, or in hex, which ClickHouse
  // masks), each line with its session's UUID: the hex one only in the first 5 minutes on one host,
  // the other every minute on 6 hosts, so that more than 200 of the newest rows, each with a
  // message of its own, are of the other shape.
  const uuid = (i: number): string => {
    const h = (n: number, width: number): string => ((i * 2654435761 + n) >>> 0).toString(16).padStart(8, '0').slice(0, width);
    return `${h(1, 8)}-${h(2, 4)}-4${h(3, 3)}-a${h(4, 3)}-${h(5, 8)}${h(6, 4)}`;
  };
  const cache = [
    ...Array.from({ length: 240 }, (_, i) => ({
      ts: NOW - 40 * MINUTE + Math.floor(i / 6) * MINUTE + 500,
      host: `cache-0${(i % 6) + 1}`,
      key: String(i * 37 + 11),
      session: uuid(i),
    })),
    ...Array.from({ length: 5 }, (_, i) => ({
      ts: NOW - 40 * MINUTE + i * MINUTE + 700,
      host: 'cache-01',
      key: `0x${(0xbeef + i).toString(16)}`,
      session: uuid(1000 + i),
    })),
  ].map(({ ts, host, key, session }) => ({
    ts,
    service: 'cache',
    host,
    level: 'INFO',
    message: `Cache miss for key ${key} in session ${session}`,
    trace_id: '',
  }));

  beforeAll(async () => {
    ch = await startClickHouse();
    await ch.exec('CREATE DATABASE logs');
    await ch.exec(`CREATE TABLE logs.app_logs (ts UInt64, service String, host String, level String, message String, trace_id String)
      ENGINE = MergeTree ORDER BY (service, ts)`);
    await ch.client.insert({ table: 'logs.app_logs', values: [...lines, ...cache], format: 'JSONEachRow' });
    writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ logs: logsConfig(ch.url, { keepRawDays: 7 }) }));
    app = createApp({ dataDir: dir.path, now: NOW, secrets: memorySecretStore({ [SECRET_NAME]: CLICKHOUSE_PASSWORD }) });
    await app.start();
    await app.syncNow();
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
    dir.remove();
    await ch?.destroy();
  });

  const local = <T>(sql: string, ...args: unknown[]): T[] => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...args) as T[];
    } finally {
      db.close();
    }
  };
  const saved = (): { id: number; template: string } =>
    local<{ id: number; template: string }>("SELECT template_id AS id, template FROM log_templates WHERE template LIKE 'Saved claim%'")[0]!;

  it('keeps one row per minute, host, level and event, whatever the numbers’ lengths, with ClickHouse’s counts', () => {
    const rows = local<{ n: number; lines: number }>("SELECT COUNT(*) AS n, SUM(lines) AS lines FROM app_logs WHERE service = 'claims-app'")[0]!;
    expect(rows.lines).toBe(lines.length);
    // 40 minutes × 3 hosts × 2 events; digit-for-digit shapes would make nearly a row per line.
    expect(rows.n).toBe(40 * 3 * 2);
    const templates = local<{ template: string; count: number }>(
      "SELECT template, count FROM log_templates WHERE template NOT LIKE 'Cache miss%' ORDER BY template",
    );
    expect(templates).toEqual([
      { template: 'Saved claim <*> with <*> items in <*>', count: lines.filter((l) => l.level === 'INFO').length },
      { template: 'Slow query took <*> rows=<*>', count: lines.filter((l) => l.level === 'WARN').length },
    ]);
  });

  it('shows a template’s finer shapes and newest lines from ClickHouse, counted as ClickHouse counts them, narrowed like the Logs view', async () => {
    const { id } = saved();
    const handlers = createHandlerTable(app);
    const envelope = await handlers['logs.drill']({ id, from: NOW - 60 * MINUTE, to: NOW });
    expect(envelope.ok).toBe(true);
    const drill = envelope.ok ? envelope.value : null;
    const [count] = await ch.query<{ n: string; shapes: string }>(
      `SELECT toString(count()) AS n, toString(uniqExact(replaceRegexpAll(message, '[0-9]', '0'))) AS shapes FROM logs.app_logs WHERE message LIKE 'Saved claim %'`,
    );
    expect(drill).not.toBeNull();
    expect(drill!.total).toBe(Number(count!.n));
    expect(drill!.shapes.length + drill!.moreShapes).toBe(Number(count!.shapes));
    expect(drill!.shapes.length).toBeLessThanOrEqual(20);
    // Most lines first; each listed shape's count is ClickHouse's for that shape.
    expect(drill!.shapes.map((s) => s.lines)).toEqual([...drill!.shapes.map((s) => s.lines)].sort((a, b) => b - a));
    for (const s of drill!.shapes.slice(0, 3)) {
      const [n] = await ch.query<{ n: string }>(
        `SELECT toString(count()) AS n FROM logs.app_logs WHERE replaceRegexpAll(message, '[0-9]', '0') = replaceRegexpAll('${s.sample}', '[0-9]', '0')`,
      );
      expect(s.lines).toBe(Number(n!.n));
    }
    const newest = lines.filter((l) => l.message.startsWith('Saved claim')).sort((a, b) => b.ts - a.ts);
    expect(drill!.lines.map((l) => l.ts)).toEqual(newest.slice(0, 20).map((l) => l.ts));
    expect(drill!.store).toBe(`${new URL(ch.url).host}/logs.app_logs`);

    // Narrowed to one host and the last 10 minutes, as the Logs view asks.
    const narrowed = await app.drillTemplate(id, { host: 'app-02', from: NOW - 10 * MINUTE, to: NOW });
    const expected = lines.filter((l) => l.message.startsWith('Saved claim') && l.host === 'app-02' && l.ts >= NOW - 10 * MINUTE);
    expect(narrowed!.total).toBe(expected.length);
    // The laptop's per-minute counts are of every host: the last minute alone holds too few of app-02's, and the window is read whole.
    expect(narrowed!.lines.map((l) => `${l.ts} ${l.host}`)).toEqual(
      expected
        .sort((a, b) => b.ts - a.ts)
        .slice(0, 20)
        .map((l) => `${l.ts} ${l.host}`),
    );
    // The laptop's own count of the same lines is the same.
    const detail = app.logs.template(id, { host: 'app-02', from: NOW - 10 * MINUTE, to: NOW })!;
    expect(detail.count).toBe(expected.length);
    // Its values were noted from the groups' sampled messages, and say so (never "lines").
    expect(detail.valuesCount).toBe('samples');
  }, 60_000);

  it('finds every shape of a template in the window, however many newer rows another shape has', async () => {
    const [row] = local<{ id: number }>("SELECT template_id AS id FROM log_templates WHERE template LIKE 'Cache miss%'");
    expect(local<{ n: number }>("SELECT COUNT(*) AS n FROM log_templates WHERE template LIKE 'Cache miss%'")[0]!.n).toBe(1);
    const drill = await app.drillTemplate(row!.id, { from: NOW - 60 * MINUTE, to: NOW });
    expect(drill!.total).toBe(cache.length);
    expect(drill!.partial).toBe(false);
    expect(drill!.shapes.some((s) => s.sample.includes(' 0x'))).toBe(true);
  }, 60_000);

  it('reads the shapes of a busy template’s newest lines only, and says from when', async () => {
    const { id } = saved();
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const source = createClickHouseLogSource(logsConfig(ch.url), CLICKHOUSE_PASSWORD, { sites: [], mapping: {} });
    try {
      const window = { from: NOW - 60 * MINUTE, to: NOW };
      const drill = (await drillTemplate(db, { drill: source.drill!.bind(source) }, id, window, { shapes: 20, lines: 20, shapeLines: 200 }))!;
      // 22 or 23 of the template's lines a minute: the newest whole minutes that hold at most 200 of them.
      const saved = lines.filter((l) => l.message.startsWith('Saved claim'));
      const since = saved.filter((l) => l.ts >= drill.shapesFrom);
      expect(drill.shapesFrom % MINUTE).toBe(0);
      expect(since.length).toBeLessThanOrEqual(200);
      expect(saved.filter((l) => l.ts >= drill.shapesFrom - MINUTE).length).toBeGreaterThan(200);
      expect(drill.total).toBe(since.length);
      // The listed shapes' lines are the total's when none is left out.
      const listed = drill.shapes.reduce((n, s) => n + s.lines, 0);
      expect(drill.moreShapes > 0 ? listed < drill.total : listed === drill.total).toBe(true);
    } finally {
      await source.close();
      db.close();
    }
  });

  it('computes a shape here as ClickHouse computes it (the drill-down sends one message per shape)', async () => {
    const messages = [
      'Cache miss for key 0xBEEF in session 0f1e2d3c-4b5a-4697-a8b9-c0d1e2f30415 for ops@example.co.jp',
      'took 12 ms, then 12345 ms; 10.0.0.1:8080 \u0001x 現場 007',
      'no digits here',
      'Processing image 3F2A9B0C11D4E5F6 page 3 token=eyJhbGciOi_J9x-aa== req_8fK2xQ9a CurrentState:112 「330行」画像=3749add6.tif',
      'Request req_aGrWoBJBPy from 2001:db8:eecb:66ac::de85 and [fd00:20:3::14]:8080 by setSystemUiVisibility for sess:lzGMvRogeIKm',
      'podUID PostgreSQL HTTPServer getIOStream newYTranslation qTCWQClHdh ABC abc',
    ];
    for (const m of messages) {
      const [server] = await ch.query<{ s: string }>(`SELECT ${shapeSql(chString(m))} AS s`);
      expect(shapeText(m)).toBe(server!.s);
      const [each] = await ch.query<{ s: string }>(`SELECT ${shapeSql(chString(m), 'each')} AS s`);
      expect(shapeText(m, 'each')).toBe(each!.s);
    }
  });

  it('reads an id that is not a number as one value, as the miner does: one shape per event however its hex, UUID or token varies (issue 63)', async () => {
    // Each pair: one event with other ids (one shape); a key written onto its value and a word after a number keep their words.
    const same = [
      ['Processing image 3F2A9B0C11D4E5F6 page 3', 'Processing image 0a1b2c3d4e5f6a7b page 12'],
      ['session 0f1e2d3c-4b5a-4697-a8b9-c0d1e2f30415 closed', 'session 9f1e2d3c-ab5a-4697-8b9c-c0d1e2f30415 closed'],
      ['token eyJ0eXAi.OjEwMjQ_x-Y9 refreshed for req_8fK2xQ9a', 'token aB3dEf.Gh4-_ijkl refreshed for req_Zz91'],
      // Ids with no digit at all: letters in no word's case (mixedCaseIds), and an IPv6 address with its zeros left out.
      ['request req_aGrWoBJBPy timed out', 'request req_kgxWxkZPSb timed out'],
      ['key sess:lzGMvRogeIKmGMRvCEEtYr missed', 'key sess:ftLYWrHEsygOGx-wg-rgRE missed'],
      ['served 2001:db8:eecb:66ac::de85 ok', 'served 2001:db8:8963:fe2a::e69e ok'],
    ];
    const apart = [
      ['CurrentState:112', 'OtherState:112'],
      ['330行', '330件'],
      ['retry after 5 ms', 'retry after 5 s'],
      // Names written in camelCase or with an acronym stay words: two events, two shapes.
      ['calling setSystemUiVisibility', 'calling notifyUiVisibilityChanged'],
      ['podUID missing', 'containerID missing'],
      ['connected to PostgreSQL', 'connected to MySQL'],
    ];
    const shape = async (m: string): Promise<string> => (await ch.query<{ s: string }>(`SELECT ${shapeSql(chString(m))} AS s`))[0]!.s;
    for (const [a, b] of same) expect(await shape(a!), `${a} / ${b}`).toBe(await shape(b!));
    for (const [a, b] of apart) expect(await shape(a!), `${a} / ${b}`).not.toBe(await shape(b!));
    // What the grouping joins, the miner reads as one event: the same tokens, the ids as values.
    for (const [a, b] of same) expect(maskTokens(a!)).toEqual(maskTokens(b!));
  });

  it('refuses bad input with a clear error, and says so when ClickHouse cannot be reached', async () => {
    const handlers = createHandlerTable(app);
    const bad = await handlers['logs.drill']({ id: 0 });
    expect(bad.ok).toBe(false);
    const { id } = saved();
    await ch.crash();
    try {
      const down = await handlers['logs.drill']({ id });
      expect(down.ok).toBe(false);
      if (!down.ok) expect(down.error.message).toMatch(/ClickHouse/);
    } finally {
      await ch.start();
    }
  }, 60_000);
});
