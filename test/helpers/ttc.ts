/**
 * A TrueType collection made from single-face fonts, for tests that must not depend on a
 * system font package: the 'ttcf' header (tag, version 1.0, numFonts, one offset per face),
 * then each face's offset table and directory, then the tables, every table offset counted
 * from the start of the file as the format requires. Tables are not shared between faces
 * (a real .ttc shares some; readers do not care).
 */
function tablesOf(font: Buffer): Array<{ tag: string; checksum: number; data: Buffer }> {
  const count = font.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 12 + i * 16;
    const offset = font.readUInt32BE(entry + 8);
    const length = font.readUInt32BE(entry + 12);
    return { tag: font.toString('latin1', entry, entry + 4), checksum: font.readUInt32BE(entry + 4), data: font.subarray(offset, offset + length) };
  });
}

const pad4 = (n: number): number => (n + 3) & ~3;

export function buildCollection(faces: Buffer[]): Buffer {
  const fonts = faces.map((face) => ({ flavor: face.readUInt32BE(0), tables: tablesOf(face) }));
  const header = Buffer.alloc(12 + 4 * fonts.length);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(fonts.length, 8);
  const directories = fonts.map((f) => Buffer.alloc(12 + 16 * f.tables.length));
  let offset = header.length + directories.reduce((n, d) => n + d.length, 0);
  const bodies: Buffer[] = [];
  let directoryAt = header.length;
  fonts.forEach((font, i) => {
    const dir = directories[i] as Buffer;
    header.writeUInt32BE(directoryAt, 12 + 4 * i);
    directoryAt += dir.length;
    const n = font.tables.length;
    const selector = Math.floor(Math.log2(n));
    dir.writeUInt32BE(font.flavor, 0);
    dir.writeUInt16BE(n, 4);
    dir.writeUInt16BE(2 ** selector * 16, 6);
    dir.writeUInt16BE(selector, 8);
    dir.writeUInt16BE(n * 16 - 2 ** selector * 16, 10);
    font.tables.forEach((table, t) => {
      const entry = 12 + 16 * t;
      dir.write(table.tag, entry, 'latin1');
      dir.writeUInt32BE(table.checksum, entry + 4);
      dir.writeUInt32BE(offset, entry + 8);
      dir.writeUInt32BE(table.data.length, entry + 12);
      bodies.push(table.data, Buffer.alloc(pad4(table.data.length) - table.data.length));
      offset += pad4(table.data.length);
    });
  });
  return Buffer.concat([header, ...directories, ...bodies]);
}
