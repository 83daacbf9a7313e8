import { describe, expect, it } from 'vitest';
import { latinNamesOf, makeNameReadings } from '../../../main/chat/nameReadings.js';
import { DEFAULT_DEMO_SEED } from '../../../main/config/config.js';
import { DEMO_DEFINITION } from '../../../main/sync/demo/demoDefinition.js';
import { generateStaff } from '../../../main/sync/demo/demoOperators.js';
import { createRandom } from '../../../main/sync/demo/random.js';
import kuromoji, { type IpadicFeatures, type Tokenizer } from 'kuromoji';
import { kuromojiDictPath } from '../../../main/chat/nameReadings.js';

// Real kuromoji and its IPADIC: which given names the dictionary knows as given names is its own.
const tokenizer = (): Promise<Tokenizer<IpadicFeatures>> =>
  new Promise((ok, fail) => kuromoji.builder({ dicPath: kuromojiDictPath() }).build((e, t) => (e ? fail(e) : ok(t))));

/** The demo company's operator names, as its generator writes them (seed of the default demo). */
const demoOperators = (): string[] => generateStaff(DEMO_DEFINITION, createRandom(DEFAULT_DEMO_SEED ^ 0x5151), 0).operators.map((o) => o.operator_name);

describe("a person's name in Latin letters: never a reading the dictionary only guesses", () => {
  it('writes a given name IPADIC does not know as a given name as the company wrote it: 山崎 純一 → Yamazaki 純一, not Junitsu', async () => {
    const readings = await makeNameReadings({
      sites: [],
      processes: [],
      businesses: [],
      operators: ['山崎 純一', '田中 陽子', '鈴木 彩', '高橋 恵美', '伊藤 さくら'],
    });
    const latin = latinNamesOf(readings);
    expect(latin).toMatchObject({
      '山崎 純一': 'Yamazaki 純一',
      '田中 陽子': 'Tanaka 陽子',
      '鈴木 彩': 'Suzuki 彩',
      '高橋 恵美': 'Takahashi Emi',
      '伊藤 さくら': 'Ito Sakura',
    });
    // The guess is not a way to find the person either ("junitsu"); the family name still is.
    expect(JSON.stringify(readings['山崎 純一'])).not.toMatch(/junitsu|じゅんいつ|ヨウシ|ようし/i);
    expect(readings['山崎 純一']?.family).toContain('yamazaki');
  });

  it("romanizes a demo operator's given name only where IPADIC knows it as a given name", async () => {
    const names = demoOperators();
    expect(names.length).toBeGreaterThanOrEqual(300);
    const t = await tokenizer();
    // Given names the dictionary reads as some other word (彩 イロドリ, 陽子 ヨウシ, 純一 ジュンイツ) or in pieces.
    const guessed = [...new Set(names.map((n) => n.split(' ')[1]!))].filter((g) => {
      const tokens = t.tokenize(g);
      return !/^[\p{Script=Hiragana}\p{Script=Katakana}]+$/u.test(g) && !(tokens.length === 1 && tokens[0]!.pos_detail_2 === '人名');
    });
    expect(guessed).toEqual(expect.arrayContaining(['純一', '陽子', '彩']));
    const latin = latinNamesOf(await makeNameReadings({ sites: [], processes: [], businesses: [], operators: names }));
    for (const n of names) {
      const given = n.split(' ')[1]!;
      if (guessed.includes(given)) expect(latin[n]?.endsWith(` ${given}`), n).toBe(true);
      else expect(latin[n], n).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    }
    console.log(`demo operators ${names.length}; given names not known to IPADIC as given names: ${guessed.join(' ')}`);
  });
});
