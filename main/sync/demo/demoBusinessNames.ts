import type Database from 'better-sqlite3';
import { replaceSourceBusinessNames } from '../../store/businessNames.js';
import { DEFAULT_DEMO_SEED, type GenbaConfig } from '../../config/config.js';
import { demoSourceId } from '../demoSource.js';
import { DEMO_DEFINITION } from './demoDefinition.js';

/**
 * The demo company names its businesses (523201 is "SS"): written to the store under its
 * source id, so that they count while the local copy is the demo's, and never at a company
 * whose own database is the source. Written at every start: under the configured demo's id,
 * or, at a company, under the default demo's, which Settings' switch back to the demo
 * company uses (its names are then in force without a restart). Its English names are
 * kept beside them, the same way. `<name>業務` is understood
 * for every name (see the assistant's business aliases), so it is not written here.
 */
export function storeDemoBusinessNames(db: Database.Database, source: GenbaConfig['source'], now: number): void {
  replaceSourceBusinessNames(
    db,
    demoSourceId(source.kind === 'demo' ? source.seed : DEFAULT_DEMO_SEED),
    DEMO_DEFINITION.businesses.map((b) => ({ id: b.id, name: b.name, aliases: b.aliases ?? [], ...(b.nameEn ? { nameEn: b.nameEn } : {}) })),
    now,
  );
}
