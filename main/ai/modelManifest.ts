import { z } from 'zod';
import raw from '../../models/manifest.json';

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .nullable();
const text = z.object({ ja: z.string(), en: z.string() });

const ggufEntry = z.object({
  name: z.string().min(1),
  role: z.enum(['intent', 'answer']),
  kind: z.literal('gguf'),
  file: z.string().regex(/^[\w.-]+\.gguf$/),
  url: z.string().url(),
  sizeLabel: z.string(),
  sizeBytes: z.number().int().positive().nullable(),
  sha256,
  license: z.string(),
  description: text,
});
const onnxEntry = z.object({
  name: z.string().min(1),
  role: z.literal('embedding'),
  kind: z.literal('onnx'),
  dir: z.string().regex(/^[\w.-]+$/),
  baseUrl: z.string().url(),
  files: z
    .array(
      z.object({
        path: z
          .string()
          .regex(/^[\w./-]+$/)
          .refine((p) => !p.includes('..')),
        sha256,
      }),
    )
    .min(1),
  prefix: z.enum(['e5', 'ruri', 'none']),
  sizeLabel: z.string(),
  license: z.string(),
  description: text,
});
export const manifestSchema = z.object({ version: z.literal(1), models: z.array(z.discriminatedUnion('kind', [ggufEntry, onnxEntry])) });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest['models'][number];
export type GgufEntry = z.infer<typeof ggufEntry>;
export type OnnxEntry = z.infer<typeof onnxEntry>;

/** The shipped manifest, validated at start-up. */
export const MANIFEST: Manifest = manifestSchema.parse(raw);
