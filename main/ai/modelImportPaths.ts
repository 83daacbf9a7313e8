import { existsSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { aiError } from './aiError.js';

/**
 * Where an import writes, and what it may ever remove. Every path an import touches is a
 * direct child of the models folder, named from the model's own resolved name (or the
 * manifest's), never from a path as the user typed it: `genba models import stick/onnx/..`
 * once resolved to the data folder itself and removed it.
 *
 * A copy is staged as `<name>.<pid>.importing` and renamed into place only when complete; a
 * model it replaces is first moved aside to `<name>.<pid>.replaced` and removed after. The pid
 * lets a later start or import clean what a killed import left (an importing copy of
 * hundreds of MB on a full disk) without touching the copy of an import still running.
 */

const STAGED = /^(.+)\.(\d+)\.(importing|replaced)$/;

/** The name a model is stored under: the last part of its real path, refused when it could name anything but a new child. */
export function modelNameOf(realSource: string): string {
  const name = basename(realSource);
  // eslint-disable-next-line no-control-regex -- a name with control characters would write raw into logs and terminals
  if (name === '' || name === '.' || name === '..' || name.startsWith('.') || /[\u0000-\u001f\u007f/\\]/.test(name) || STAGED.test(name)) {
    throw aiError('AI_MODEL_CORRUPT', {
      ja: `${JSON.stringify(name)} はモデルの名前として使えません。モデルのファイルかフォルダそのものを指定してください。何も変更していません。`,
      en: `${JSON.stringify(name)} cannot be a model's name. Give the model's file or folder itself. Nothing was changed.`,
    });
  }
  return name;
}

/** `name`'s place in the models folder, checked to be a direct child of it whatever the name holds. */
export function modelTarget(modelsDir: string, name: string): string {
  const target = join(modelsDir, modelNameOf(name));
  if (dirname(resolve(target)) !== resolve(modelsDir)) throw new Error(`model target outside the models folder: ${JSON.stringify(name)}`);
  return target;
}

/** The source's real path, refused when it is the models folder, inside it, or holds it (the data folder, a parent). */
export function importSource(source: string, modelsDir: string): string {
  let real: string;
  try {
    real = realpathSync(source);
  } catch {
    throw aiError('AI_MODEL_MISSING', { ja: `取り込むファイル ${source} が見つかりません。`, en: `The file to import, ${source}, does not exist.` });
  }
  const models = existsSync(modelsDir) ? realpathSync(modelsDir) : resolve(modelsDir);
  const within = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
  if (within(real, models) || within(models, real)) {
    throw aiError('AI_MODEL_CORRUPT', {
      ja: `${source} は Genba のモデルフォルダ（${modelsDir}）そのもの、その中、またはそれを含むフォルダです。取り込めません。何も変更していません。`,
      en: `${source} is Genba's models folder (${modelsDir}), inside it, or a folder that holds it. It cannot be imported. Nothing was changed.`,
    });
  }
  return real;
}

/** The staging path of this process's copy of `target`. */
export const stagingPath = (target: string): string => `${target}.${process.pid}.importing`;

/**
 * Puts a complete staged copy in place. A file is renamed over the old one (one step); a
 * folder cannot be, so the old one is moved aside first and removed once the new one is in.
 * Killed between the two renames, the next `cleanImportLeftovers` puts the old one back.
 */
export function replaceWithStaged(staged: string, target: string): void {
  if (!existsSync(target)) {
    renameSync(staged, target);
    return;
  }
  const aside = `${target}.${process.pid}.replaced`;
  renameSync(target, aside);
  renameSync(staged, target);
  rmSync(aside, { recursive: true, force: true });
}

const alive = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes what killed or failed imports left in the models folder, and only there: a staged
 * copy of a process no longer running is removed; a model moved aside is put back when its
 * replacement never arrived, else removed. Returns the names it cleaned.
 */
export function cleanImportLeftovers(modelsDir: string): string[] {
  if (!existsSync(modelsDir)) return [];
  const cleaned: string[] = [];
  for (const name of readdirSync(modelsDir)) {
    const m = STAGED.exec(name);
    if (!m || alive(Number(m[2]))) continue;
    const path = join(modelsDir, name);
    const original = join(modelsDir, m[1]!);
    if (m[3] === 'replaced' && !existsSync(original)) renameSync(path, original);
    else rmSync(path, { recursive: true, force: true });
    cleaned.push(name);
  }
  return cleaned;
}
