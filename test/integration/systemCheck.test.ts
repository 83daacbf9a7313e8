import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm test on a machine that lacks a system part', () => {
  it('stops before running anything, naming what is missing and the one command that installs it', () => {
    const r = spawnSync('npm', ['test'], { encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' } });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status).not.toBe(0);
    expect(out).toContain('no test was run');
    expect(out).toContain('Chromium');
    expect(out).toContain('/nonexistent/chromium');
    expect(out).toMatch(/apt-get install -y chromium\b/);
    expect(out).toContain('npm run test:fresh');
    // Named once, and nothing else ran: no type check, no build, no test file.
    expect(out.match(/- Chromium:/g)).toHaveLength(1);
    expect(out).not.toContain('genba@0.1.0 typecheck');
    expect(out).not.toContain('Test Files');
  });
});
