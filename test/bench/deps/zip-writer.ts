// A minimal zip writer for the benchmark's generated OSV dumps: each entry deflated at once
// (zlib.deflateRawSync; yazl's stream per entry costs ~5x more CPU on 300,000 small records), and a
// zip64 end record when there are more than 65,535 entries (yauzl reads it), as the real dumps need.
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

const DOS_DATE_1980 = 0x21; // 1980-01-01, time 00:00

export class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly central: Buffer[] = [];
  private entries = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  add(name: string, data: Buffer): void {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE_1980, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(DOS_DATE_1980, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(nameBytes.length, 28);
    cd.writeUInt32LE(this.offset, 42); // the dumps stay far below 4 GB
    this.central.push(cd, nameBytes);
    this.write(local, nameBytes, packed);
    this.entries++;
  }

  /** Writes the central directory and the end records; returns the zip's size. */
  finish(): number {
    this.flush();
    const cdOffset = this.offset;
    for (const part of this.central) this.write(part);
    const cdSize = this.offset - cdOffset;
    const zip64At = this.offset;
    const zip64 = Buffer.alloc(56);
    zip64.writeUInt32LE(0x06064b50, 0);
    zip64.writeBigUInt64LE(44n, 4);
    zip64.writeUInt16LE(45, 12);
    zip64.writeUInt16LE(45, 14);
    zip64.writeBigUInt64LE(BigInt(this.entries), 24);
    zip64.writeBigUInt64LE(BigInt(this.entries), 32);
    zip64.writeBigUInt64LE(BigInt(cdSize), 40);
    zip64.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(zip64At), 8);
    locator.writeUInt32LE(1, 16);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    const many = this.entries > 0xffff;
    end.writeUInt16LE(many ? 0xffff : this.entries, 8);
    end.writeUInt16LE(many ? 0xffff : this.entries, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdOffset, 16);
    if (many) this.write(zip64, locator);
    this.write(end);
    this.flush();
    closeSync(this.fd);
    return this.offset;
  }

  private write(...parts: Buffer[]): void {
    for (const p of parts) {
      this.pending.push(p);
      this.pendingBytes += p.length;
      this.offset += p.length;
    }
    if (this.pendingBytes > 4 * 2 ** 20) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
