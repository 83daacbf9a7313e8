import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelFile } from '../api/types.js';

/** Model files present in a folder: GGUF files for llama.cpp, folders holding an ONNX model. */
export function findModels(dir: string): ModelFile[] {
  if (!existsSync(dir)) return [];
  const found: ModelFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.toLowerCase().endsWith('.gguf')) {
      found.push({ name: entry.name, kind: 'gguf', sizeBytes: statSync(path).size });
    } else if (entry.isDirectory()) {
      const onnx = join(path, 'onnx');
      const files = existsSync(onnx) ? readdirSync(onnx).filter((f) => f.endsWith('.onnx')) : [];
      if (files.length > 0) {
        found.push({ name: entry.name, kind: 'onnx', sizeBytes: files.reduce((s, f) => s + statSync(join(onnx, f)).size, 0) });
      }
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
