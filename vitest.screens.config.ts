import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Screenshots looked at, not asserted (test/screens): `npm run screens`, never part of `npm test`. The suite's settings,
// with only these files.
export default defineConfig({ ...base, test: { ...base.test, include: ['test/screens/**/*.screens.ts'] } });
