import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { aiError } from './aiError.js';

export interface GgufInfo {
  path: string;
  fileBytes: number;
  architecture: string;
  name: string | null;
  contextLength: number | null;
  blockCount: number | null;
  embeddingLength: number | null;
  headCount: number | null;
  headCountKv: number | null;
  keyLength: number | null;
  /** Bytes of tensor data the file must hold; null when a tensor type's size is unknown here. */
  tensorBytes: number | null;
}

/** Architectures llama.cpp runs that Genba's roles are meant for (the chat templates are known). */
export const SUPPORTED_ARCHITECTURES = ['qwen2', 'qwen3', 'llama', 'gemma', 'gemma2', 'gemma3', 'phi3', 'mistral', 'granite', 'olmo2'];

/** [elements per block, bytes per block] for the ggml types whose layout is fixed knowledge. */
const BLOCKS: Record<number, [number, number]> = {
  0: [1, 4],
  1: [1, 2],
  30: [1, 2],
  2: [32, 18],
  3: [32, 20],
  6: [32, 22],
  7: [32, 24],
  8: [32, 34],
  9: [32, 36],
  10: [256, 84],
  11: [256, 110],
  12: [256, 144],
  13: [256, 176],
  14: [256, 210],
  15: [256, 292],
};

/** Buffered reads from a file descriptor, for headers that run to several MB (big vocabularies). */
class Cursor {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {}
  private need(n: number): void {
    if (this.pos + n > this.size) throw new RangeError('past end of file');
    if (this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length) return;
    const len = Math.min(Math.max(n, 1 << 20), this.size - this.pos);
    this.buf = Buffer.alloc(len);
    readSync(this.fd, this.buf, 0, len, this.pos);
    this.bufStart = this.pos;
  }
  private at(n: number): number {
    this.need(n);
    const off = this.pos - this.bufStart;
    this.pos += n;
    return off;
  }
  // `at` may swap the buffer: take the offset before touching this.buf.
  u8(): number {
    const o = this.at(1);
    return this.buf.readUInt8(o);
  }
  u32(): number {
    const o = this.at(4);
    return this.buf.readUInt32LE(o);
  }
  i32(): number {
    const o = this.at(4);
    return this.buf.readInt32LE(o);
  }
  f32(): number {
    const o = this.at(4);
    return this.buf.readFloatLE(o);
  }
  u64(): number {
    const o = this.at(8);
    return Number(this.buf.readBigUInt64LE(o));
  }
  str(): string {
    const n = this.u64();
    if (n > 1 << 24) throw new RangeError('string too long');
    const off = this.at(n);
    return this.buf.toString('utf8', off, off + n);
  }
  skip(n: number): void {
    this.pos += n;
  }
}

const SCALAR_BYTES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

function readValue(c: Cursor, type: number): unknown {
  switch (type) {
    case 4:
      return c.u32();
    case 5:
      return c.i32();
    case 6:
      return c.f32();
    case 7:
      return c.u8() !== 0;
    case 8:
      return c.str();
    case 10:
    case 11:
      return c.u64();
    case 9: {
      const elem = c.u32();
      const n = c.u64();
      if (elem === 8) for (let i = 0; i < n; i++) c.str();
      else c.skip(n * (SCALAR_BYTES[elem] ?? 0));
      return undefined; // arrays (tokens, merges) are not needed here
    }
    default:
      if (SCALAR_BYTES[type] === undefined) throw new RangeError(`unknown value type ${type}`);
      c.skip(SCALAR_BYTES[type]);
      return undefined;
  }
}

/**
 * Reads a GGUF file's header without loading it: its architecture and sizes, and whether
 * the file really holds all its tensor data (a truncated copy from a USB stick is caught
 * here, with a clear message, instead of deep inside llama.cpp).
 */
export function readGgufInfo(path: string): GgufInfo {
  if (!existsSync(path)) {
    throw aiError(
      'AI_MODEL_MISSING',
      `モデルファイル ${path} がありません。設定 → モデル から取得または取り込みをしてください。`,
      `The model file ${path} does not exist. Get or import it in Settings → Models.`,
    );
  }
  const corrupt = (why: string) =>
    aiError(
      'AI_MODEL_CORRUPT',
      `モデルファイル ${basename(path)} が壊れているか、GGUF 形式ではありません（${why}）。もう一度取得するか取り込み直してください。`,
      `The model file ${basename(path)} is damaged or not a GGUF file (${why}). Download or import it again.`,
    );
  const fileBytes = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const c = new Cursor(fd, fileBytes);
    let magic: number;
    try {
      magic = c.u32();
    } catch {
      throw corrupt('empty file');
    }
    if (magic !== 0x46554747) throw corrupt('no GGUF signature');
    const version = c.u32();
    if (version < 2 || version > 3) throw corrupt(`GGUF version ${version}`);
    const tensorCount = c.u64();
    const kvCount = c.u64();
    const kv = new Map<string, unknown>();
    let alignment = 32;
    try {
      for (let i = 0; i < kvCount; i++) {
        const key = c.str();
        kv.set(key, readValue(c, c.u32()));
      }
      if (typeof kv.get('general.alignment') === 'number') alignment = kv.get('general.alignment') as number;
      let end = 0;
      let known = true;
      for (let i = 0; i < tensorCount; i++) {
        c.str();
        const dims = Array.from({ length: c.u32() }, () => c.u64());
        const type = c.u32();
        const offset = c.u64();
        const block = BLOCKS[type];
        if (!block) known = false;
        else end = Math.max(end, offset + (dims.reduce((a, b) => a * b, 1) / block[0]) * block[1]);
      }
      const dataStart = Math.ceil(c.pos / alignment) * alignment;
      if (known && dataStart + end > fileBytes) throw corrupt(`${fileBytes} of ${dataStart + end} bytes`);
      const arch = kv.get('general.architecture');
      if (typeof arch !== 'string') throw corrupt('no architecture');
      const num = (k: string): number | null => (typeof kv.get(`${arch}.${k}`) === 'number' ? (kv.get(`${arch}.${k}`) as number) : null);
      return {
        path,
        fileBytes,
        architecture: arch,
        name: typeof kv.get('general.name') === 'string' ? (kv.get('general.name') as string) : null,
        contextLength: num('context_length'),
        blockCount: num('block_count'),
        embeddingLength: num('embedding_length'),
        headCount: num('attention.head_count'),
        headCountKv: num('attention.head_count_kv'),
        keyLength: num('attention.key_length'),
        tensorBytes: known ? end : null,
      };
    } catch (error) {
      if (error instanceof RangeError) throw corrupt(error.message);
      throw error;
    }
  } finally {
    closeSync(fd);
  }
}

export function checkSupported(info: GgufInfo): void {
  if (!SUPPORTED_ARCHITECTURES.includes(info.architecture)) {
    throw aiError(
      'AI_MODEL_UNSUPPORTED',
      `モデル ${basename(info.path)} のアーキテクチャ「${info.architecture}」には対応していません。対応: ${SUPPORTED_ARCHITECTURES.join(', ')}`,
      `The model ${basename(info.path)} has the unsupported architecture "${info.architecture}". Supported: ${SUPPORTED_ARCHITECTURES.join(', ')}`,
    );
  }
}
