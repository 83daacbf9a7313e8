import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeModel, type ShapeName } from '../fixtures/models/ggufModels.js';
import { writeBertModel } from '../fixtures/models/onnxBert.js';

/**
 * Generated models in `<dataDir>/models` (random weights, real formats: tiny ONNX encoder
 * folders and GGUF files) and a CPU-only AI config. Returns the models folder.
 */
export function installTestModels(dataDir: string, o: { onnx?: string[]; gguf?: Record<string, ShapeName>; contextSize: number }): string {
  const models = join(dataDir, 'models');
  mkdirSync(models, { recursive: true });
  for (const name of o.onnx ?? []) writeBertModel(join(models, name), 'tiny');
  for (const [file, shape] of Object.entries(o.gguf ?? {})) writeModel(join(models, file), shape);
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ ai: { gpu: 'off', threads: 1, contextSize: o.contextSize } }));
  return models;
}
