import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES } from '../../../main/api/channelNames.js';
import { REQUEST_SCHEMAS } from '../../../main/api/contract.js';
import { createHandlerTable, type HandlerTable } from '../../../main/handlerTable.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { storeDigest } from '../../helpers/storeDigest.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const deep = (n: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

/** Values of every wrong kind: types, sizes, encodings, injection strings, prototype keys. */
const VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1e308,
  2 ** 53 + 1,
  10n,
  true,
  false,
  '',
  ' ',
  'x',
  '\u0000',
  '\ud800',
  'x'.repeat(5_000_000),
  "'; DROP TABLE operators; --",
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  'SGT20251023-ZZZZZZZZ',
  [],
  [1, 2, 3],
  new Array(100_000).fill(0),
  {},
  { a: 1 },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  deep(5000),
  new Date(0),
  new Uint8Array([0xff, 0xfe]),
  new Map([[1, 2]]),
  new Set([1]),
];

/** Whole payloads, then each field of the channel's schema given each wrong value, then unknown fields. */
function payloads(channel: (typeof CHANNEL_NAMES)[number]): unknown[] {
  const schema = REQUEST_SCHEMAS[channel] as z.ZodObject;
  const out: unknown[] = [...VALUES];
  for (const key of Object.keys(schema.shape ?? {})) for (const v of VALUES) out.push({ [key]: v });
  out.push({ evil: 1 }, { ...Object.fromEntries(Object.keys(schema.shape ?? {}).map((k) => [k, 'x'])), evil: 1 });
  // Only malformed requests are sent: anything the schema accepts would be a real command.
  return out.filter((p) => !schema.safeParse(p ?? {}).success);
}

describe('IPC fuzz: malformed, oversized and wrongly typed payloads on every channel', () => {
  const dir = tempDir();
  let app: GenbaApp;
  let handlers: HandlerTable;

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: Date.parse('2025-10-23T15:40+09:00') });
    await app.start();
    handlers = createHandlerTable(app);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    dir.remove();
  });

  it("answers each with the error envelope in the manager's language, crashes nothing and changes nothing", async () => {
    const before = storeDigest(dir.path);
    let sent = 0;
    const codes = new Map<string, number>();
    for (const channel of CHANNEL_NAMES) {
      for (const p of payloads(channel)) {
        const r = await handlers[channel](p);
        sent++;
        expect(r.ok, `${channel} accepted a payload`).toBe(false);
        if (!r.ok) {
          codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1);
          expect(r.error.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese, for the manager
          expect(r.error.message).not.toMatch(/\n\s+at /); // no stack trace
        }
      }
    }
    // The app still works, and the store is exactly as it was.
    expect((await handlers['status.get']({})).ok).toBe(true);
    const after = storeDigest(dir.path);
    expect(after).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(
      `IPC fuzz: ${sent} payloads on ${CHANNEL_NAMES.length} channels; envelopes ${JSON.stringify(Object.fromEntries(codes))}; crashes 0; store ${before.tables} tables, ${before.rows} rows unchanged`,
    );
    expect(sent).toBeGreaterThan(1000);
    expect([...codes.keys()]).toEqual(['INVALID_INPUT']);
  }, 300_000);
});
