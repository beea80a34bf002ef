// Draws the phone app's icons (a white police shield on the console's navy) as PNG files in public/.
// Node built-ins only: the shapes are sampled per pixel and the PNG is written with zlib.
// Run: node apps/web/scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const navy = [10, 47, 102];
const white = [255, 255, 255];
const gold = [232, 184, 64];

/** True when (u, v) in the shield's box [0,1]² lies inside the shield: a flat top with a shallow notch,
 * straight sides for the upper half, then sides curving in to a point. */
function inShield(u, v) {
  if (u < 0 || u > 1 || v > 1) return false;
  const x = Math.abs(u - 0.5);
  const top = 0.07 * (1 - (2 * x) ** 2);
  if (v < top) return false;
  if (v <= 0.5) return x <= 0.5;
  const t = (v - 0.5) / 0.5;
  return x <= 0.5 * Math.cos((t * Math.PI) / 2) ** 0.75;
}

/** Colour at (px, py) for an icon of `size` whose shield spans `scale` of its height. */
function colourAt(px, py, size, scale) {
  const h = size * scale;
  const w = h * 0.82;
  const left = (size - w) / 2;
  const top = (size - h) / 2;
  const at = (inset) => {
    const iw = w * (1 - 2 * inset);
    const ih = h * (1 - 2 * inset);
    return inShield((px - left - w * inset) / iw, (py - top - h * inset * 0.8) / ih);
  };
  if (!at(0)) return navy;
  if (!at(0.09)) return white;
  if (!at(0.15)) return navy;
  // A gold band across the middle of the inner shield.
  const v = (py - top) / h;
  if (v > 0.44 && v < 0.54) return gold;
  return white;
}

function crcTable() {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
const table = crcTable();
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG of `size`², each pixel the mean of 4×4 samples (smooth edges). */
function png(size, scale) {
  const samples = 4;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples, size, scale);
          for (let i = 0; i < 3; i++) sum[i] += c[i];
        }
      for (let i = 0; i < 3; i++) row[1 + x * 3 + i] = Math.round(sum[i] / samples ** 2);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const publicDir = resolve(dirname(fileURLToPath(import.meta.url)), '../public');
const icons = [
  // Plain icons: the shield fills most of the square.
  { file: 'icon-192.png', size: 192, scale: 0.72 },
  { file: 'icon-512.png', size: 512, scale: 0.72 },
  // Maskable: the launcher may crop to a circle of 80 % of the width, so the shield stays well inside it.
  { file: 'icon-maskable-512.png', size: 512, scale: 0.5 },
  { file: 'apple-touch-icon.png', size: 180, scale: 0.66 },
];
for (const icon of icons) {
  writeFileSync(resolve(publicDir, icon.file), png(icon.size, icon.scale));
  console.log(`wrote public/${icon.file}`);
}
