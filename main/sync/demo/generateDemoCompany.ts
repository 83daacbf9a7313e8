import type { AppLogRow, CapabilityRow, LocationRow, OperatorRow, SnapshotRow } from '../../store/companyRows.js';
import { demoDays } from './demoCalendar.js';
import { DEMO_ANCHOR_MS, DEMO_DEFINITION, type DemoDefinition } from './demoDefinition.js';
import { generateIncidents, type Incident } from './demoIncidents.js';
import { generateLogDays } from './demoLogs.js';
import { generateStaff } from './demoOperators.js';
import { generateSnapshots } from './demoSnapshots.js';
import { createRandom } from './random.js';

export interface DemoCompany {
  anchorMs: number;
  locations: LocationRow[];
  operators: OperatorRow[];
  capabilities: CapabilityRow[];
  snapshots: SnapshotRow[];
  incidents: Incident[];
  /** Lazily generated, one day per batch: the logs are the bulk of the data. */
  logDays: () => Generator<Omit<AppLogRow, 'log_id'>[]>;
}

/**
 * The whole demo company for a seed. Each part draws from its own PRNG stream so that a
 * change in one (say, more log templates) leaves the others identical.
 */
export function generateDemoCompany(seed: number, def: DemoDefinition = DEMO_DEFINITION, anchorMs = DEMO_ANCHOR_MS): DemoCompany {
  const days = demoDays(def, anchorMs);
  const periodStart = days[0]!.midnight;
  const staff = generateStaff(def, createRandom(seed ^ 0x5151), periodStart);
  const incidents = generateIncidents(def, days, anchorMs, createRandom(seed ^ 0x1c1d));
  const snapshots = generateSnapshots(def, staff, days, incidents, anchorMs, createRandom(seed ^ 0x5a5a));
  return {
    anchorMs,
    locations: staff.locations,
    operators: staff.operators,
    capabilities: staff.capabilities,
    snapshots,
    incidents,
    logDays: () => generateLogDays(def, days, incidents, anchorMs, createRandom(seed ^ 0x1065)),
  };
}
