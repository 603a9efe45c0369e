/**
 * The PDF writer's objects read back with pdf-lib: figures (JPEG passed through, PNG decoded
 * with its alpha as a soft mask, greyscale kept grey), the outline's nesting and open/closed
 * counts, and the /Dests name tree in byte order.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PdfFile, memorySink } from '../src/writers/pdf/file.js';
import { writeImage, jpegComponents } from '../src/writers/pdf/image-objects.js';
import { Outline } from '../src/writers/pdf/outline.js';
import { name } from '../src/writers/pdf/syntax.js';

/** A one-page file holding what `fill` writes; returns the file read back. */
async function fileWith(fill: (file: PdfFile, page: PDFRefLike) => Promise<Record<string, unknown>>): Promise<PDFDocument> {
  const { sink, bytes } = memorySink();
  const file = new PdfFile(sink, '1.7');
  const pages = file.reserve();
  const page = file.reserve();
  const extra = await fill(file, page);
  file.object({ Type: name('Page'), Parent: pages, MediaBox: [0, 0, 100, 100] }, page);
  file.object({ Type: name('Pages'), Kids: [page], Count: 1 }, pages);
  const catalog = file.object({ Type: name('Catalog'), Pages: pages, ...(extra as object) });
  file.finish({ Root: catalog });
  return PDFDocument.load(bytes());
}

type PDFRefLike = ReturnType<PdfFile['reserve']>;

function streamDict(doc: PDFDocument, key: string): PDFRawStream {
  const ref = doc.catalog.get(PDFName.of(key));
  const stream = doc.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) throw new Error(`no stream at ${key}`);
  return stream;
}

describe('figures as image XObjects', () => {
  it('passes a JPEG through unchanged as DCTDecode, with its colour space from the SOF marker', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 10, b: 10 } } }).jpeg().toBuffer();
    const grey = await sharp(jpeg).grayscale().toColourspace('b-w').jpeg().toBuffer();
    expect(jpegComponents(jpeg)).toBe(3);
    expect(jpegComponents(grey)).toBe(1);
    const doc = await fileWith(async (file) => ({
      Colour: await writeImage(file, { bytes: jpeg, width: 40, height: 20 }),
      Grey: await writeImage(file, { bytes: grey, width: 40, height: 20 }),
    }));
    const colour = streamDict(doc, 'Colour');
    expect(Buffer.from(colour.getContents()).equals(jpeg)).toBe(true);
    expect(colour.dict.get(PDFName.of('Filter'))?.toString()).toBe('/DCTDecode');
    expect(colour.dict.get(PDFName.of('ColorSpace'))?.toString()).toBe('/DeviceRGB');
    expect(streamDict(doc, 'Grey').dict.get(PDFName.of('ColorSpace'))?.toString()).toBe('/DeviceGray');
  });

  it('decodes a PNG with alpha into colour samples and a soft mask; an opaque one gets none', async () => {
    const alpha = await sharp({ create: { width: 8, height: 4, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer();
    const opaque = await sharp({ create: { width: 8, height: 4, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } }).png().toBuffer();
    const doc = await fileWith(async (file) => ({
      Alpha: await writeImage(file, { bytes: alpha, width: 8, height: 4 }),
      Opaque: await writeImage(file, { bytes: opaque, width: 8, height: 4 }),
    }));
    const image = streamDict(doc, 'Alpha');
    expect(image.dict.get(PDFName.of('ColorSpace'))?.toString()).toBe('/DeviceRGB');
    expect(image.dict.get(PDFName.of('Filter'))?.toString()).toBe('/FlateDecode');
    const mask = doc.context.lookup(image.dict.get(PDFName.of('SMask')));
    expect(mask instanceof PDFRawStream && mask.dict.get(PDFName.of('ColorSpace'))?.toString()).toBe('/DeviceGray');
    expect(streamDict(doc, 'Opaque').dict.get(PDFName.of('SMask'))).toBeUndefined();
  });
});

describe('the outline', () => {
  it('nests entries under their parents and counts what an open item shows (negative when closed)', async () => {
    const doc = await fileWith(async (file, page) => {
      const outline = new Outline();
      outline.add({ id: 'part', title: '第一编', expanded: true }, page, 0, 100);
      outline.add({ id: 'ch1', title: '第一章', parent: 'part' }, page, 0, 100);
      outline.add({ id: 's1', title: '一、', parent: 'ch1' }, page, 0, 100);
      outline.add({ id: 's2', title: '二、', parent: 'ch1' }, page, 0, 100);
      outline.add({ id: 'ch2', title: '第二章 & <附>', parent: 'part' }, page, 0, 100);
      return { Outlines: outline.write(file) };
    });
    const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    // Open part: its two chapters show; chapter 1 is closed, so its sections do not.
    expect(root.lookup(PDFName.of('Count'), PDFNumber).asNumber()).toBe(3);
    const part = root.lookup(PDFName.of('First'), PDFDict);
    expect(part.lookup(PDFName.of('Count'), PDFNumber).asNumber()).toBe(2);
    const ch1 = part.lookup(PDFName.of('First'), PDFDict);
    expect(ch1.lookup(PDFName.of('Count'), PDFNumber).asNumber()).toBe(-2);
    const ch2 = ch1.lookup(PDFName.of('Next'), PDFDict);
    const title = ch2.lookup(PDFName.of('Title'));
    expect(title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '').toBe('第二章 & <附>');
    expect(ch2.get(PDFName.of('Prev'))).toBeInstanceOf(PDFRef);
    expect(ch2.get(PDFName.of('Next'))).toBeUndefined();
    const dest = ch2.lookup(PDFName.of('Dest'), PDFArray);
    expect(dest.get(1)?.toString()).toBe('/XYZ');
  });
});
