#!/usr/bin/env node
// Draws the app icon, assets/icon.png (512×512 RGBA), with no dependency: shapes as signed distances, 4×4
// supersampling for smooth edges, PNG written with node:zlib. A red rounded square, a white sheet with a folded
// corner and text lines (a RED declaration), and a green tick (sent and received).
// Usage: node scripts/make-icon.mjs [out.png] [size]
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const out = process.argv[2] ?? fileURLToPath(new URL('../assets/icon.png', import.meta.url));
const N = Number(process.argv[3] ?? 512);
const S = 4; // samples per axis

/** Signed distance to a rounded box centred at (cx, cy) with half sizes (hx, hy) and radius r; < 0 inside. */
function box(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
/** Distance to the segment a–b minus a half width w (a thick stroke with round caps). */
function stroke(x, y, ax, ay, bx, by, w) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - w;
}

// Layers in a 0..1 square, painted in order: [inside(x, y), [r, g, b]].
const layers = [
  [(x, y) => box(x, y, 0.5, 0.5, 0.46, 0.46, 0.1) < 0, (x, y) => [200 - 60 * y, 30, 38]],
  // the sheet, its top-right corner cut by the fold
  [(x, y) => box(x, y, 0.46, 0.52, 0.24, 0.32, 0.03) < 0 && x - 0.55 < y - 0.2 + 0.0, () => [255, 255, 255]],
  [(x, y) => x >= 0.55 && y <= 0.35 && x - 0.55 >= y - 0.2 && x <= 0.7 && y >= 0.2, () => [214, 214, 222]],
  ...[0.4, 0.5, 0.6, 0.7].map((ly, i) => [(x, y) => stroke(x, y, 0.3, ly, i === 0 ? 0.5 : 0.62, ly, 0.018) < 0, () => [120, 128, 140]]),
  // the tick, on a green disc at the bottom right
  [(x, y) => Math.hypot(x - 0.7, y - 0.74) < 0.16, () => [36, 150, 72]],
  [(x, y) => stroke(x, y, 0.62, 0.745, 0.68, 0.805, 0.028) < 0 || stroke(x, y, 0.68, 0.805, 0.785, 0.68, 0.028) < 0, () => [255, 255, 255]],
];

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let py = 0; py < N; py++) {
  raw[py * (N * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < N; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < S; sy++) {
      for (let sx = 0; sx < S; sx++) {
        const x = (px + (sx + 0.5) / S) / N;
        const y = (py + (sy + 0.5) / S) / N;
        let c = null;
        for (const [inside, color] of layers) if (inside(x, y)) c = color(x, y);
        if (c) {
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
    }
    const o = py * (N * 4 + 1) + 1 + px * 4;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((255 * a) / (S * S));
  }
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`make-icon: ${out} (${N}×${N}, ${png.length} byte)`);
