/**
 * `hanpress preflight`: it must catch a plain RGB PDF (and each fault on its own, in files
 * made here with pdfkit and pdf-lib), and pass the sample's PDF/X book block in both PDF/X-4
 * and PDF/X-1a. The bundled CMYK output profile is rebuilt from its CC0 source and compared.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument as PdfLib, PDFName, PDFNumber, PDFString, type PDFDict } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { buildProfile, cmykOutputProfile, profileCmyk, profileLab } from '../src/print/icc.js';
import { BLACK } from '../src/print/ink.js';
import { createPdfKit, pdfKitBytes, type PdfKitDoc } from '../src/print/pdfkit.js';
import { defaultOutputIntent, finishPdfx, type PdfxStandard } from '../src/print/pdfx.js';
import { iccHeader } from '../src/print/preflight/document.js';
import { preflight, type Finding } from '../src/print/preflight/index.js';
import { operations } from '../src/print/preflight/lexer.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { loadBook, REPO_ROOT } from './helpers/sample.js';

const MM = 72 / 25.4;
const FONT = path.join(REPO_ROOT, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

function codes(findings: Finding[], severity: 'error' | 'warning' = 'error'): string[] {
  return [...new Set(findings.filter((f) => f.severity === severity).map((f) => f.code))].sort();
}

/** A small pdfkit document: A5 with 3 mm bleed boxes set by pdf-lib afterwards. */
async function pdfkitFile(draw: (doc: PdfKitDoc) => void, pdfVersion: '1.4' | '1.6' = '1.6'): Promise<Uint8Array> {
  const doc = createPdfKit({
    size: [148 * MM, 210 * MM],
    margin: 0,
    pdfVersion,
    info: { Title: 'Test', CreationDate: new Date(Date.UTC(2020, 0, 1)), ModDate: new Date(Date.UTC(2020, 0, 1)) },
  });
  doc.registerFont('sans', FONT);
  draw(doc);
  return pdfKitBytes(doc);
}

/** Makes a pdfkit file PDF/X with boxes: trim = the page less 3 mm + 9 mm on every side. */
async function asPdfx(bytes: Uint8Array, standard: PdfxStandard = 'x4'): Promise<Uint8Array> {
  const w = 148 * MM;
  const h = 210 * MM;
  const bleed = 3 * MM;
  const slug = 9 * MM;
  return finishPdfx(bytes, {
    standard,
    intent: defaultOutputIntent(),
    identity: 'test',
    title: 'Test',
    boxes: () => ({
      media: [0, 0, w, h],
      bleed: [slug, slug, w - slug, h - slug],
      trim: [slug + bleed, slug + bleed, w - slug - bleed, h - slug - bleed],
    }),
  });
}

function kText(doc: PdfKitDoc): void {
  doc.font('sans').fontSize(10).fillColor(BLACK).text('印刷用黑色文字', 60, 80, { lineBreak: false });
  doc.lineWidth(0.5).strokeColor(BLACK).moveTo(60, 100).lineTo(200, 100).stroke();
}

describe('preflight catches what a printing house rejects', () => {
  it('a plain RGB PDF fails on every PDF/X rule, with the page named', async () => {
    const rgb = await pdfkitFile((doc) => {
      doc.font('sans').fontSize(10).fillColor('black').text('屏幕用的黑色', 60, 80, { lineBreak: false });
      doc.rect(60, 120, 50, 20).fill('#cc0000');
    });
    const report = await preflight(rgb, { file: 'plain.pdf' });
    expect(report.pdfx).toBeUndefined();
    expect(codes(report.findings)).toEqual(
      expect.arrayContaining([
        'preflight/no-pdfx-version',
        'preflight/trapped',
        'preflight/no-output-intent',
        'preflight/no-trim-box',
        'preflight/rgb-paint',
        'preflight/rgb-colour-space',
      ]),
    );
    const paint = report.findings.filter((f) => f.code === 'preflight/rgb-paint');
    expect(paint.map((f) => f.page)).toEqual([1, 1]);
    expect(paint.map((f) => f.message).join('\n')).toMatch(/^Page 1: 1 text operation\(s\) painted in RGB/m);
    expect(paint.every((f) => f.file === 'plain.pdf')).toBe(true);
  });

  it('a K-only pdfkit file made PDF/X passes, and each fault added to it is caught', async () => {
    const good = await asPdfx(await pdfkitFile(kText));
    expect((await preflight(good)).findings).toEqual([]);

    const colourText = await asPdfx(await pdfkitFile((doc) => doc.font('sans').fontSize(10).fillColor([0, 100, 100, 0]).text('红字', 60, 80)));
    expect(codes((await preflight(colourText)).findings)).toEqual(['preflight/not-k-only']);
    // A cover may print coloured type …
    expect((await preflight(colourText, { cover: true })).findings).toEqual([]);
    // … but never small type in rich black.
    const rich = await asPdfx(await pdfkitFile((doc) => doc.font('sans').fontSize(8).fillColor([60, 40, 40, 100]).text('四色黑', 60, 80)));
    expect(codes((await preflight(rich, { cover: true })).findings)).toEqual(['preflight/rich-black-text']);

    const unembedded = await asPdfx(await pdfkitFile((doc) => doc.font('Helvetica').fillColor(BLACK).text('Helvetica', 60, 80)));
    expect(codes((await preflight(unembedded)).findings)).toEqual(['preflight/font-not-embedded']);
  });

  it('finds an rg operator in a content stream, but not the letters rg inside a string', async () => {
    const pdf = await PdfLib.create();
    const page = pdf.addPage([200, 200]);
    const content = pdf.context.flateStream('q 1 0 0 rg 0 0 10 10 re f Q BT /F1 9 Tf (rg RG) Tj ET');
    page.node.set(PDFName.of('Contents'), pdf.context.register(content));
    const report = await preflight(await pdf.save({ useObjectStreams: false }));
    const rgb = report.findings.filter((f) => f.code === 'preflight/rgb-operator');
    expect(rgb).toHaveLength(1);
    expect(rgb[0]?.message).toBe('Page 1: 1 RGB colour operator(s) (rg).');
    expect([...operations(new TextEncoder().encode('(a \\) rg) Tj % 1 0 0 rg\n0 g'))].map((o) => o.operator)).toEqual(['Tj', 'g']);
  });

  it('flags a bleed short of 3 mm, transparency in PDF/X-1a, an RGB inline image', async () => {
    const short = await finishPdfx(await pdfkitFile(kText), {
      standard: 'x4',
      intent: defaultOutputIntent(),
      identity: 'short',
      title: 'Short',
      boxes: () => ({ media: [0, 0, 400, 600], bleed: [8, 8, 392, 592], trim: [10, 10, 390, 590] }),
    });
    const bleed = (await preflight(short)).findings.filter((f) => f.code === 'preflight/bleed-box');
    expect(bleed).toHaveLength(1);
    expect(bleed[0]?.message).toMatch(/^Page 1: BleedBox \[8 8 392 592\] is not 3 mm beyond TrimBox/);

    const transparent = await asPdfx(
      await pdfkitFile((doc) => {
        kText(doc);
        (doc as PdfKitDoc & { fillOpacity(o: number): PdfKitDoc }).fillOpacity(0.5);
        doc.rect(60, 120, 50, 20).fill(BLACK);
      }, '1.4'),
      'x1a',
    );
    const x1a = await preflight(transparent);
    expect(x1a.pdfx).toBe('PDF/X-1a:2001');
    expect(codes(x1a.findings)).toEqual(['preflight/transparency']);

    const pdf = await PdfLib.create();
    const page = pdf.addPage([200, 200]);
    page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream('q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /RGB /BPC 8 ID \xff\x00\x00 EI Q')));
    expect(codes((await preflight(await pdf.save())).findings)).toContain('preflight/rgb-image');
  });

  it('checks the output intent profile and the XMP identification', async () => {
    const good = await asPdfx(await pdfkitFile(kText));
    const pdf = await PdfLib.load(good, { updateMetadata: false });
    const info = pdf.context.lookup(pdf.context.trailerInfo.Info) as PDFDict;
    info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of('PDF/X-1a:2001'));
    info.set(PDFName.of('Trapped'), PDFNumber.of(0));
    const changed = await preflight(await pdf.save({ useObjectStreams: false }));
    expect(codes(changed.findings)).toEqual(
      expect.arrayContaining(['preflight/pdfx-conformance', 'preflight/pdf-version', 'preflight/trapped']),
    );
    expect(changed.findings.some((f) => f.code === 'preflight/xmp-pdfx' && /does not match Info/.test(f.message))).toBe(true);
  });
});

describe('the sample book block', () => {
  let screen: Uint8Array;
  let block: Uint8Array;

  beforeAll(async () => {
    const loaded = await loadBook();
    screen = (await writePdf(loaded.book, loaded.front, loaded.ctx)).bytes;
    block = (await writePdf(loaded.book, loaded.front, loaded.ctx, { cropMarks: true, ink: true })).bytes;
  });

  it('the screen PDF is RGB and not PDF/X: preflight says so on every page with text', async () => {
    const report = await preflight(screen);
    expect(codes(report.findings)).toEqual(
      // The writer paints the screen PDF's black with the `rg`/`RG` operators.
      expect.arrayContaining(['preflight/no-pdfx-version', 'preflight/no-output-intent', 'preflight/rgb-paint', 'preflight/rgb-operator']),
    );
    const pages = new Set(report.findings.filter((f) => f.code === 'preflight/rgb-paint').map((f) => f.page));
    expect(pages.size).toBeGreaterThan(report.pages * 0.8);
  });

  it.each(['x4', 'x1a'] as const)('the %s book block passes with no finding', async (standard) => {
    const pdfx = await finishPdfx(block, { standard, intent: defaultOutputIntent(), identity: 'sample', title: 'sample' });
    const report = await preflight(pdfx);
    expect(report.findings).toEqual([]);
    expect(report.pdfx).toBe(standard === 'x4' ? 'PDF/X-4' : 'PDF/X-1a:2001');
    expect(new TextDecoder().decode(pdfx.subarray(0, 8))).toBe(standard === 'x4' ? '%PDF-1.6' : '%PDF-1.4');
    // Same input, same bytes.
    expect(Buffer.from(await finishPdfx(block, { standard, intent: defaultOutputIntent(), identity: 'sample', title: 'sample' })).equals(Buffer.from(pdfx))).toBe(true);
  });
});

describe('hanpress preflight', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hanpress-preflight-'));
    await writeFile(path.join(dir, 'plain.pdf'), await pdfkitFile((doc) => doc.font('sans').fillColor('black').text('屏幕', 60, 80)));
    await writeFile(path.join(dir, 'good.pdf'), await asPdfx(await pdfkitFile(kText)));
  });

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: dir, env: {} });
    return { code, out, err };
  }

  it('exits 1 on a plain RGB PDF and prints each finding in text, JSON and GitHub formats', async () => {
    const text = await run('preflight', 'plain.pdf');
    expect(text.code).toBe(1);
    expect(text.err).toMatch(/^error preflight\/rgb-paint: Page 1: /m);
    expect(text.err).toMatch(/plain\.pdf: not PDF\/X, 1 page\(s\): \d+ error\(s\)/);
    const json = await run('preflight', 'plain.pdf', '--format', 'json');
    const parsed = JSON.parse(json.out) as Finding[];
    expect(parsed.find((f) => f.code === 'preflight/rgb-paint')).toMatchObject({ page: 1, file: 'plain.pdf', severity: 'error' });
    const github = await run('preflight', 'plain.pdf', '--format', 'github');
    expect(github.err).toMatch(/^::error file=plain\.pdf,title=preflight\/rgb-paint::Page 1: /m);
  });

  it('exits 0 on a good file, and says why it cannot read a missing one', async () => {
    const good = await run('preflight', 'good.pdf');
    expect(good).toMatchObject({ code: 0, out: 'good.pdf: PDF/X-4, 1 page(s): preflight passed\n' });
    const missing = await run('preflight', 'nothing.pdf');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error preflight\/unreadable: Cannot read nothing\.pdf \(ENOENT\)\./m);
  });
});

describe('the CMYK output profile', () => {
  it('is a CMYK output (prtr) profile rebuilt byte for byte from its CC0 source', () => {
    const profile = cmykOutputProfile();
    expect(iccHeader(profile)).toEqual({ deviceClass: 'prtr', space: 'CMYK' });
    expect(Buffer.from(buildProfile()).equals(Buffer.from(profile))).toBe(true);
  });

  it('maps paper white and solid black sensibly and round-trips in-gamut colours', () => {
    const profile = cmykOutputProfile();
    const white = profileLab(profile, [0, 0, 0, 0]);
    expect(white[0]).toBeGreaterThan(99);
    const black = profileLab(profile, [0, 0, 0, 1]);
    expect(black[0]).toBeLessThan(20);
    for (const cmyk of [[0.5, 0.4, 0.4, 0], [0.2, 0.6, 0.1, 0.1], [0, 0, 0, 0.5]] as const) {
      const lab = profileLab(profile, [...cmyk]);
      const again = profileLab(profile, profileCmyk(profile, lab) as [number, number, number, number]);
      expect(Math.hypot(lab[0] - again[0], lab[1] - again[1], lab[2] - again[2])).toBeLessThan(2);
    }
  });
});
