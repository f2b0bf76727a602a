#!/usr/bin/env node
// Draws the extension icon (128x128 RGBA PNG: a blue shield with a watchful eye) and writes
// images/icon.png. No image library: shapes are tested per sub-pixel (4x4 supersampling) and the PNG
// is written by hand (IHDR + one zlib IDAT + IEND, each with its CRC-32).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 128;
const SAMPLES = 4;

// Shapes in a unit square (x, y in [0, 1], y down).
const HALF_WIDTH = 0.39;
function insideShield(x, y, inset = 0) {
  const dx = Math.abs(x - 0.5);
  const hw = HALF_WIDTH - inset;
  const top = 0.08 + inset + 0.045 * (dx / HALF_WIDTH) ** 2; // gently rounded top edge
  const shoulder = 0.52;
  const bottom = 0.94 - inset * 1.3;
  if (y < top || y > bottom) return false;
  if (y <= shoulder) return dx <= hw;
  const t = (y - shoulder) / (bottom - shoulder); // 0 at the shoulder, 1 at the tip
  return dx <= hw * Math.sqrt(Math.max(0, 1 - t ** 1.8));
}
function insideEye(x, y) {
  // An almond: the intersection of two circles above and below the eye's centre line.
  const cx = 0.5, cy = 0.47, r = 0.3, offset = 0.2;
  return (x - cx) ** 2 + (y - (cy - offset)) ** 2 <= r * r && (x - cx) ** 2 + (y - (cy + offset)) ** 2 <= r * r;
}
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const BLUE_TOP = [0, 120, 212];
const BLUE_BOTTOM = [0, 69, 120];
const RIM = [80, 170, 240];
const WHITE = [255, 255, 255];
const PUPIL = [0, 58, 102];

/** Colour of one sub-pixel, or null when transparent. */
function shade(x, y) {
  if (!insideShield(x, y)) return null;
  if (!insideShield(x, y, 0.035)) return RIM;
  if (insideEye(x, y)) {
    if (inCircle(x, y, 0.535, 0.445, 0.03)) return WHITE; // highlight
    if (inCircle(x, y, 0.5, 0.47, 0.1)) return PUPIL;
    if (inCircle(x, y, 0.5, 0.47, 0.125)) return BLUE_TOP;
    return WHITE;
  }
  const t = Math.min(1, Math.max(0, (y - 0.08) / 0.86));
  return BLUE_TOP.map((c, i) => Math.round(c + (BLUE_BOTTOM[i] - c) * t));
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = shade((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
          if (c) { r += c[0]; g += c[1]; b += c[2]; covered++; }
        }
      }
      const o = (py * SIZE + px) * 4;
      if (covered) {
        rgba[o] = Math.round(r / covered);
        rgba[o + 1] = Math.round(g / covered);
        rgba[o + 2] = Math.round(b / covered);
        rgba[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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

function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // compression 0, filter 0, interlace 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

module.exports = { encodePng, crc32 };

if (require.main === module) {
  const out = path.join(__dirname, 'icon.png');
  const png = encodePng(render(), SIZE, SIZE);
  fs.writeFileSync(out, png);
  console.log(`make-icon: wrote ${path.relative(process.cwd(), out)} (${SIZE}x${SIZE}, ${png.length} bytes)`);
}
