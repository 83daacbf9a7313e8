import type Database from 'better-sqlite3';
import { replaceSourceBusinessNames } from '../../store/businessNames.js';
import type { GenbaConfig } from '../../config/config.js';
import { demoSourceId } from '../demoSource.js';
import { DEMO_DEFINITION } from './demoDefinition.js';

/**
 * The demo company names its businesses (523201 is "SS"): written to the store under its
 * source id, so that they count while the local copy is the demo's, and never at a company
 * whose own database is the source. Does nothing unless the demo company is the source.
 * `<name>業務` is understood for every name (see the assistant's business aliases), so it
 * is not written here.
 */
export function storeDemoBusinessNames(db: Database.Database, source: GenbaConfig['source'], now: number): void {
  if (source.kind !== 'demo') return;
  replaceSourceBusinessNames(
    db,
    demoSourceId(source.seed),
    DEMO_DEFINITION.businesses.map((b) => ({ id: b.id, name: b.name, aliases: b.aliases ?? [] })),
    now,
  );
}
