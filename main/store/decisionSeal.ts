import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../config/privateFile.js';
import type { DecisionRecord } from './decisionRecord.js';

/** The data folder's own key, beside the store and never inside it: a backup carries the seals, not the key. */
export const DECISION_KEY_FILE = 'decision.key';

/**
 * Seals the decisions this store makes, so that a restore can tell them from decisions in a
 * file made elsewhere. A backup holding a forged "approved by 社長" once went out to the
 * company as if decided here; now a restored decision is sent only if its seal holds under
 * this folder's key, or once the manager confirms it by name.
 */
export interface DecisionSealer {
  seal(d: DecisionRecord): string;
  holds(d: DecisionRecord, seal: string | null): boolean;
}

/** Every field the company receives, in a fixed order: a seal holds only for the decision exactly as it was made. */
const sealed = (d: DecisionRecord): string =>
  JSON.stringify([d.suggestion_id, d.changes, d.impact, d.action_type, d.action_user, d.feedback_reason, d.decided_at, d.assignments ?? null]);

/** The sealer of the data folder `dataDir`; its key is made at first use, private to the owner. */
export function decisionSealer(dataDir: string): DecisionSealer {
  let key: Buffer | null = null;
  const keyOf = (): Buffer => (key ??= readOrMakeKey(join(dataDir, DECISION_KEY_FILE)));
  const mac = (d: DecisionRecord): Buffer => createHmac('sha256', keyOf()).update(sealed(d)).digest();
  return {
    seal: (d) => mac(d).toString('hex'),
    holds(d, seal) {
      if (seal === null || !/^[0-9a-f]{64}$/.test(seal)) return false;
      return timingSafeEqual(mac(d), Buffer.from(seal, 'hex'));
    },
  };
}

function readOrMakeKey(path: string): Buffer {
  try {
    return keyFrom(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Written whole under another name and linked into place: two processes making it at once agree on one key.
  const tmp = `${path}.${process.pid}.new`;
  writePrivateFile(tmp, `${randomBytes(32).toString('hex')}\n`);
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
  return keyFrom(readFileSync(path, 'utf8'), path);
}

function keyFrom(text: string, path: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} is not a Genba decision key`);
  return Buffer.from(hex, 'hex');
}
