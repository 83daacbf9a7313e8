// Draws the app and tray icons (a bar chart on a teal tile) as PNGs with no image library.
// Run once when the design changes: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function icon(alert) {
  return (u, v) => {
    const r = 0.18,
      dx = Math.max(r - u, u - (1 - r), 0),
      dy = Math.max(r - v, v - (1 - r), 0);
    if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
    const bars = [
      [0.22, 0.36, 0.55],
      [0.42, 0.56, 0.35],
      [0.62, 0.76, 0.2],
    ];
    const inBar = bars.some(([a, b, top]) => u >= a && u < b && v >= top && v < 0.8);
    if (alert && (u - 0.78) ** 2 + (v - 0.22) ** 2 < 0.03) return [230, 57, 70, 255];
    return inBar ? [255, 255, 255, 255] : [15, 118, 110, 255];
  };
}

mkdirSync('resources/tray', { recursive: true });
writeFileSync('resources/icon.png', png(256, icon(false)));
writeFileSync('resources/tray/tray.png', png(32, icon(false)));
writeFileSync('resources/tray/tray-alert.png', png(32, icon(true)));
console.log('icons written');
