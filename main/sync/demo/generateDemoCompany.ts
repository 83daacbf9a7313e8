import type {
  AppLogRow,
  ArrivalRow,
  AttendanceRow,
  CapabilityRow,
  DailyAssignmentRow,
  LocationRow,
  OperatorRow,
  SnapshotRow,
} from '../../store/companyRows.js';
import { demoDays, type DemoDay } from './demoCalendar.js';
import { DEMO_ANCHOR_MS, DEMO_DEFINITION, type DemoDefinition } from './demoDefinition.js';
import { generateIncidents, type Incident } from './demoIncidents.js';
import { generateLogDays } from './demoLogs.js';
import { generateStaff } from './demoOperators.js';
import { generatePlanning } from './demoPlanning.js';
import { generateSnapshots } from './demoSnapshots.js';
import { createRandom } from './random.js';

export interface DemoCompany {
  anchorMs: number;
  locations: LocationRow[];
  operators: OperatorRow[];
  capabilities: CapabilityRow[];
  snapshots: SnapshotRow[];
  /** Items received per working day and series, for the daily history (the anchor day's are its snapshots' first count). */
  arrivals: ArrivalRow[];
  attendance: AttendanceRow[];
  dailyAssignments: DailyAssignmentRow[];
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
  const planning = generatePlanning(def, staff, anchorMs, createRandom(seed ^ 0xa771), createRandom(seed ^ 0xa77e));
  const snapshots = generateSnapshots(def, staff, days, incidents, anchorMs, createRandom(seed ^ 0x5a5a), planning);
  return {
    anchorMs,
    locations: staff.locations,
    operators: staff.operators,
    capabilities: staff.capabilities,
    snapshots,
    arrivals: withAnchorDay(planning.arrivals, snapshots, days[days.length - 1]!),
    attendance: planning.attendance,
    dailyAssignments: planning.assignments,
    incidents,
    logDays: () => generateLogDays(def, days, incidents, anchorMs, createRandom(seed ^ 0x1065)),
  };
}

/** The anchor day's arrivals are what its first snapshot of each series had waiting: everything arrives in the morning. */
function withAnchorDay(arrivals: Omit<ArrivalRow, 'arrival_id'>[], snapshots: SnapshotRow[], anchorDay: DemoDay): ArrivalRow[] {
  const first = new Map<string, SnapshotRow>();
  for (const s of snapshots) {
    if (s.snapshot_time < anchorDay.midnight) continue;
    const key = `${s.location_name}\u0000${s.business_id}\u0000${s.process_name}`;
    if (!first.has(key)) first.set(key, s);
  }
  const today = [...first.values()].map((s) => ({
    arrival_date: anchorDay.date,
    location_name: s.location_name,
    business_id: s.business_id,
    process_name: s.process_name,
    items: s.total_waiting + s.entry_count,
    updated_at: s.snapshot_time,
  }));
  return [...arrivals, ...today].map((a, i) => ({ arrival_id: i + 1, ...a }));
}
