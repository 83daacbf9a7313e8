// Worker-thread entry: transformers.js feature extraction on a local ONNX model.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

interface Request {
  id: number;
  texts: string[];
}

const port = parentPort!;
const { modelDir, threads } = workerData as { modelDir: string; threads: number | null };

async function main(): Promise<void> {
  const { env, pipeline } = await import('@huggingface/transformers');
  // Offline by construction: never reach for the Hugging Face hub.
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(modelDir)}/`;
  const onnx = join(modelDir, 'onnx');
  const dtype = existsSync(join(onnx, 'model.onnx')) ? 'fp32' : existsSync(join(onnx, 'model_quantized.onnx')) ? 'q8' : null;
  if (!dtype) throw Object.assign(new Error(`no onnx/model.onnx or onnx/model_quantized.onnx in ${modelDir}`), { code: 'AI_MODEL_CORRUPT' });
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as { hidden_size?: number };
  const extractor = await pipeline('feature-extraction', basename(modelDir), {
    dtype,
    ...(threads ? { session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 } } : {}),
  });
  port.postMessage({ type: 'ready', dim: config.hidden_size ?? null, dtype });
  port.on('message', (req: Request) => {
    extractor(req.texts, { pooling: 'mean', normalize: true })
      .then((out) => {
        const data = out.data as Float32Array;
        port.postMessage({ type: 'result', id: req.id, data, dim: out.dims[1] }, [data.buffer as ArrayBuffer]);
      })
      .catch((error: unknown) => port.postMessage({ type: 'error', id: req.id, message: String(error) }));
  });
}

main().catch((error: unknown) => port.postMessage({ type: 'failed', message: String(error), code: (error as { code?: string }).code ?? null }));
