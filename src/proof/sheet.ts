/**
 * Renders chosen spreads of a PDF onto one PNG contact sheet with pdfjs-dist (the PDF's own
 * CropBox, so the trimmed page) and @napi-rs/canvas (Skia, prebuilt from npm: no system
 * libraries). Same PDF, same fonts, same machine → same PNG bytes.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Spread } from './select.js';

export interface SheetOptions {
  /** Pixels per PDF point. */
  scale: number;
  /** Spreads side by side in one row. */
  columns: number;
  /** A font file with CJK glyphs for the labels (the book's body face). */
  labelFont?: string;
}

export const DEFAULT_SHEET: SheetOptions = { scale: 0.75, columns: 2 };

/** The DOM context type pdfjs declares (this project compiles without the DOM library). */
type RenderContext = Parameters<PDFPageProxy['render']>[0]['canvasContext'];

const MARGIN = 24;
const GAP = 24;
const LABEL_HEIGHT = 30;
const LABEL_FAMILY = 'hanpress-proof-label';
const BACKGROUND = '#d9d9d9';

export interface SheetLayout {
  width: number;
  height: number;
  pageWidth: number;
  pageHeight: number;
}

export function sheetLayout(spreads: number, pageSize: { width: number; height: number }, options: SheetOptions): SheetLayout {
  const pageWidth = Math.round(pageSize.width * options.scale);
  const pageHeight = Math.round(pageSize.height * options.scale);
  const columns = Math.min(options.columns, Math.max(spreads, 1));
  const rows = Math.ceil(spreads / options.columns);
  return {
    width: MARGIN * 2 + columns * 2 * pageWidth + (columns - 1) * GAP,
    height: MARGIN * 2 + rows * (LABEL_HEIGHT + pageHeight) + Math.max(rows - 1, 0) * GAP,
    pageWidth,
    pageHeight,
  };
}

/** PDF bytes → page data held by pdfjs; the caller destroys it. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdfjs transfers the buffer it is given; hand it a copy. No eval, no system fonts.
  return getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
    .promise;
}

async function drawPage(pdf: PDFDocumentProxy, n: number, ctx: SKRSContext2D, x: number, y: number, layout: SheetLayout): Promise<void> {
  const page = await pdf.getPage(n);
  const base = page.getViewport({ scale: 1 });
  // Fit the slot exactly, whatever the page's own size.
  const viewport = page.getViewport({ scale: Math.min(layout.pageWidth / base.width, layout.pageHeight / base.height) });
  const canvas = createCanvas(layout.pageWidth, layout.pageHeight);
  const pageCtx = canvas.getContext('2d');
  // pdfjs draws on any 2D context with the DOM's shape; Skia's is one, typed separately.
  await page.render({ canvas: null, canvasContext: pageCtx as unknown as RenderContext, viewport }).promise;
  page.cleanup();
  ctx.drawImage(canvas, x, y);
  ctx.strokeStyle = '#808080';
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, layout.pageWidth - 1, layout.pageHeight - 1);
}

export async function renderSheet(bytes: Uint8Array, spreads: Spread[], options: SheetOptions = DEFAULT_SHEET): Promise<Buffer> {
  const pdf = await openPdf(bytes);
  try {
    const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
    const layout = sheetLayout(spreads.length, first, options);
    const canvas = createCanvas(layout.width, layout.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, layout.width, layout.height);
    const family = options.labelFont && GlobalFonts.registerFromPath(options.labelFont, LABEL_FAMILY) ? LABEL_FAMILY : 'sans-serif';
    for (const [i, spread] of spreads.entries()) {
      const column = i % options.columns;
      const row = Math.floor(i / options.columns);
      const x = MARGIN + column * (2 * layout.pageWidth + GAP);
      const y = MARGIN + row * (LABEL_HEIGHT + layout.pageHeight + GAP);
      ctx.fillStyle = '#202020';
      ctx.font = `15px ${family}`;
      ctx.textBaseline = 'middle';
      ctx.fillText(spread.labels.join('　·　'), x, y + LABEL_HEIGHT / 2 - 2);
      const top = y + LABEL_HEIGHT;
      if (spread.left) await drawPage(pdf, spread.left, ctx, x, top, layout);
      if (spread.right) await drawPage(pdf, spread.right, ctx, x + layout.pageWidth, top, layout);
    }
    return canvas.encode('png');
  } finally {
    await pdf.destroy();
  }
}

/** Characters of text on every page, and the page of every named destination. */
export async function pageFacts(bytes: Uint8Array): Promise<{ density: number[]; destinationPage: Map<string, number> }> {
  const pdf = await openPdf(bytes);
  try {
    const density: number[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const text = await page.getTextContent();
      density.push(text.items.reduce((sum, item) => sum + ('str' in item ? item.str.trim().length : 0), 0));
      page.cleanup();
    }
    const destinationPage = new Map<string, number>();
    const dests = await pdf.getDestinations();
    for (const name of Object.keys(dests).sort()) {
      const target = dests[name]?.[0];
      if (target && typeof target === 'object' && 'num' in target) destinationPage.set(name, (await pdf.getPageIndex(target)) + 1);
    }
    return { density, destinationPage };
  } finally {
    await pdf.destroy();
  }
}
