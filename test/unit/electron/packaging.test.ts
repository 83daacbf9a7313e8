import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Packaging cannot run here (no internet for Electron downloads); its configuration can be checked.
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  electronFuses: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Files under a folder whose name ends with one of `ext`. */
function find(dir: string, ext: string[], depth = 6): string[] {
  if (depth === 0 || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return find(p, ext, depth - 1);
    return ext.some((x) => e.name.endsWith(x)) ? [p] : [];
  });
}

describe('electron-builder.yml', () => {
  it('builds AppImage and deb, NSIS and dmg from the built bundles', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.files).toContain('out/**');
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.devDependencies.electron).toBeDefined(); // electron-builder takes Electron's version from here
    expect(pkg.dependencies.electron).toBeUndefined();
    for (const r of config.extraResources) expect(existsSync(r.from), r.from).toBe(true);
  });

  it('unpacks from the asar every runtime dependency that carries native code or WebAssembly', () => {
    expect(config.npmRebuild).toBe(true);
    const native = Object.keys(pkg.dependencies).filter((name) => {
      const dir = join('node_modules', name);
      return find(dir, ['.node', '.wasm', '.so', '.dylib', '.dll']).length > 0;
    });
    expect(native.sort()).toEqual(expect.arrayContaining(['better-sqlite3', 'highs', 'hnswlib-node']));
    for (const name of [...native, 'node-llama-cpp', 'onnxruntime-node']) {
      expect(config.asarUnpack, name).toContain(`**/node_modules/${name}/**`);
    }
    expect(config.asarUnpack).toContain('**/node_modules/@node-llama-cpp/**');
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it("packs kuromoji's dictionary with the app: a runtime dependency whose files no exclusion drops (read from the asar with fs)", () => {
    expect(pkg.dependencies.kuromoji).toBeDefined();
    expect(pkg.dependencies.wanakana).toBeDefined();
    const dict = readdirSync(join('node_modules', 'kuromoji', 'dict'));
    expect(dict.length).toBeGreaterThan(0);
    expect(dict.every((f) => f.endsWith('.dat.gz'))).toBe(true);
    const exclusions = config.files.filter((f) => f.startsWith('!'));
    expect(exclusions.some((f) => /dict|\.gz|\*\*\/\*(?!\.)|kuromoji/.test(f))).toBe(false);
  });

  it("flips Electron's fuses: no running as Node, no NODE_OPTIONS, no --inspect, only its own checked asar, no file:// privileges", () => {
    // Every fuse electron-builder knows of but the V8 snapshot's and macOS's ad-hoc signature, each set the safe way.
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    // The names are electron-builder's own: a misspelt fuse would be refused by its schema only when packaging.
    const scheme = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as { definitions: { FuseOptionsV1: { properties: object } } };
    expect(Object.keys(scheme.definitions.FuseOptionsV1.properties)).toEqual(expect.arrayContaining(Object.keys(config.electronFuses)));
    // With runAsNode off, process.fork from the main process cannot work: nothing uses it.
    const sources = [...find('main', ['.ts']), ...find('electron', ['.ts'])];
    for (const file of sources) expect(readFileSync(file, 'utf8'), file).not.toMatch(/node:child_process|ELECTRON_RUN_AS_NODE/);
  });

  it('ships no model weights inside the app', () => {
    expect(JSON.stringify(config)).not.toMatch(/\.gguf|\.onnx/);
    expect(statSync('models').isDirectory()).toBe(true);
    expect(find('models', ['.gguf', '.onnx'])).toEqual([]);
  });
});
