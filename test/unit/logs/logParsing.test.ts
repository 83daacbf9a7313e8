import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskTokens, maskWithValues } from '../../../main/logs/maskTokens.js';
import { parseMessages, readLines, readLinesWhere } from '../../../main/logs/parseLogFile.js';
import { renderTemplate } from '../../../main/logs/renderTemplate.js';
import { DEFAULT_MINER, TemplateMiner } from '../../../main/logs/templateMiner.js';
import { createRandom } from '../../../main/sync/demo/random.js';

const parse = (lines: string[]) => {
  const r = parseMessages(() => lines);
  return { ids: [...r.ids], text: [...r.ids].map((id) => r.text.get(id)) };
};

describe('templates as the log wrote them', () => {
  it.each([
    [['uid', '=', '<*>', 'euid', '=', '<*>', 'tty', '=', 'NODEVssh'], 'uid=0 euid=0 tty=NODEVssh', 'uid=<*> euid=<*> tty=NODEVssh'],
    [['[', 'client', '<*>', ']', 'Directory', 'index'], '[client 1.2.3.4] Directory index', '[client <*>] Directory index'],
    [['Starting', '<*>', 'service'], 'Starting myservice2 service', 'Starting <*> service'], // not the "service" inside the value
    [['OCR', 'サーバー', 'の', '応答', '(', '<*>', ')'], 'OCRサーバーの応答（３０ms）', 'OCRサーバーの応答(<*>)'],
    [['a', 'b'], 'x y', 'a b'], // a sample without the constants: the tokens joined
  ])('%j from %s', (tokens, sample, expected) => {
    expect(renderTemplate(tokens, sample)).toBe(expected);
  });

  it('shows a word that never varied as the word, and keeps numbers, ids and addresses as <*>', () => {
    const lines = Array.from({ length: 6 }, (_, i) => `Failed password for root from 10.0.0.${i} port ${4000 + i} ssh2`);
    expect(parse(lines).text[0]).toBe('Failed password for root from <*> port <*> ssh2');
    const same = Array.from({ length: 4 }, () => 'session 12345 closed by 10.0.0.1');
    expect(parse(same).text[0]).toBe('session <*> closed by <*>');
  });

  it('shows the words a split template only ever held, not the words of its sibling', () => {
    const lines = [
      ...Array.from({ length: 5 }, (_, i) => `Failed to get next element [HRESULT = 0x800f080${i} - CBS_E_MANIFEST_INVALID_ITEM]`),
      ...Array.from({ length: 3 }, (_, i) => `Failed to internally open package. [HRESULT = 0x800f080${i} - CBS_E_INVALID_PACKAGE]`),
    ];
    const { text } = parse(lines);
    expect(text[0]).toBe('Failed to get next element [HRESULT = <*> - CBS_E_MANIFEST_INVALID_ITEM]');
    expect(text[7]).toBe('Failed to internally open package. [HRESULT = <*> - CBS_E_INVALID_PACKAGE]');
  });

  it('keeps a key written onto its value as a constant ("CurrentState:112")', () => {
    expect(maskWithValues('ApplicableState: 80, CurrentState:112')).toEqual({
      tokens: ['ApplicableState:', '<*>', ',', 'CurrentState:', '<*>'],
      values: [null, '80', null, null, '112'],
    });
    expect(parse(['x CurrentState:112 y', 'x CurrentState:0 y']).text[0]).toBe('x CurrentState:<*> y');
  });

  it('keeps a run of words with digits as one variable, and a word with a digit apart from the number before it', () => {
    expect(maskTokens('name an14 an15 an16')).toEqual(['name', '<*>']);
    expect(maskWithValues('port 22 ssh2')).toEqual({ tokens: ['port', '<*>', '<*>'], values: [null, '22', 'ssh2'] });
  });
});

describe('one event or several: words that vary', () => {
  it('keeps a few words apart as events, and never merges on the leading word', () => {
    const few = parse(['Starting a', 'Starting b', 'Starting c'].flatMap((l) => [l, l]));
    expect(new Set(few.ids).size).toBe(3);
    const leading = parse(
      ['boot', 'risBoot', 'clusterAddMember', 'bootGenvmunix', 'halt'].flatMap((w, i) => [`${w} (command ${i})`, `${w} (command ${i + 9})`]),
    );
    expect(new Set(leading.ids).size).toBe(5);
  });

  it('mines messages unlike each other as separate templates, and a repeat joins its own (indexed leaves)', () => {
    const r = createRandom(3);
    const word = () => Array.from({ length: 4 + Math.floor(r.next() * 4) }, () => String.fromCharCode(97 + Math.floor(r.next() * 26))).join('');
    const lines = Array.from({ length: 3000 }, () => Array.from({ length: 8 }, word).join(' '));
    const m = new TemplateMiner({ ...DEFAULT_MINER, maxLeafTemplates: 10_000 });
    for (const l of lines) m.add(maskTokens(l));
    expect(m.templates).toHaveLength(3000);
    const again = m.add(maskTokens(lines[1234]!));
    expect(again.created).toBe(false);
    expect(again.template.tokens).toEqual(maskTokens(lines[1234]!));
  });

  it('keeps memory bounded on ever new messages: the least-used fold into a catch-all, the frequent stay', () => {
    const r = createRandom(4);
    const word = () => Array.from({ length: 4 + Math.floor(r.next() * 4) }, () => String.fromCharCode(97 + Math.floor(r.next() * 26))).join('');
    const caps = { ...DEFAULT_MINER, maxTemplates: 200, maxLeafTemplates: 60 };
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      lines.push(Array.from({ length: 6 }, word).join(' '));
      if (i % 10 === 0) lines.push('Connection closed by remote host');
    }
    const m = new TemplateMiner(caps);
    let peak = 0;
    let createdLate = 0;
    for (const [i, l] of lines.entries()) {
      if (m.add(maskTokens(l)).created && i >= lines.length - 1000) createdLate++;
      peak = Math.max(peak, m.templates.length);
    }
    expect(peak).toBeLessThanOrEqual(caps.maxTemplates + 1);
    // Once the leaf overflowed, its catch-all takes the new one-off messages it covers, instead of each starting a template evicted again.
    expect(createdLate).toBeLessThan(50);
    expect(m.match(maskTokens('Connection closed by remote host'))?.count).toBe(500);
    // The evicted are reported like refined ones, and their messages match a template still there.
    // (Few are: once a leaf's catch-all is all wildcards, it covers the next new messages of that leaf.)
    const gone = m.refine();
    expect(gone.length).toBeGreaterThan(0);
    expect(Math.max(...m.templates.map((t) => t.count))).toBeGreaterThan(4000);
    const live = new Set(m.templates.map((t) => t.id));
    expect(lines.every((l) => live.has(m.match(maskTokens(l))?.id ?? -1))).toBe(true);
    // End to end, every line gets a template that exists, and the frequent one keeps its text.
    const parsed = parseMessages(() => lines, caps);
    expect([...parsed.ids].every((id) => parsed.text.has(id))).toBe(true);
    expect(parsed.text.size).toBeLessThanOrEqual(caps.maxTemplates + 1);
    expect(parsed.text.get(parsed.ids[1]!)).toBe('Connection closed by remote host');
  });
});

describe('reading a log file line by line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'genba-lines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('splits CRLF and LF, keeps empty lines, and takes a last line without a line feed', () => {
    const f = join(dir, 'a.log');
    writeFileSync(f, 'one\r\ntwo\n\nthree');
    expect([...readLines(f)]).toEqual(['one', 'two', '', 'three']);
  });

  it('decodes a character cut by the 1 MB chunk boundary', () => {
    const f = join(dir, 'b.log');
    const pad = 'x'.repeat((1 << 20) - 1);
    writeFileSync(f, `${pad}現場\nnext\n`);
    const lines = [...readLines(f)];
    expect(lines).toEqual([`${pad}現場`, 'next']);
  });

  it('reads bytes that are not UTF-8 as U+FFFD, as a TextDecoder does, and a last line ending in CR without it', () => {
    const f = join(dir, 'd.log');
    // "a", a stray byte, "b"; then a character cut short by the end of the file; then "end" and a CR.
    writeFileSync(f, Buffer.concat([Buffer.from([0x61, 0xff, 0x62, 0x0a, 0xe7, 0x8f, 0x0a]), Buffer.from('end\r')]));
    const decoded = new TextDecoder().decode(readFileSync(f)).split('\n');
    expect([...readLines(f)]).toEqual([decoded[0], decoded[1], 'end']);
    expect([...readLines(f)]).toEqual(['a\uFFFDb', '\uFFFD', 'end']);
    writeFileSync(f, '');
    expect([...readLines(f)]).toEqual([]);
  });

  it('reads only the lines asked for, the same lines readLines reads (the second pass of genba logs parse)', () => {
    const f = join(dir, 'c.log');
    const pad = 'y'.repeat((1 << 20) - 2);
    const long = 'z'.repeat(3 << 20); // longer than the buffer: it grows
    writeFileSync(f, `\uFEFFone\r\ntwo\n\n${pad}現場\n${long}\nlast`);
    const all = [...readLines(f)];
    expect(all).toHaveLength(6);
    expect([...readLinesWhere(f, () => true)]).toEqual(all.map((l, i) => [i, l]));
    expect([...readLinesWhere(f, (i) => i % 2 === 1)]).toEqual([
      [1, 'two'],
      [3, `${pad}現場`],
      [5, 'last'],
    ]);
  });
});
