/**
 * Every command of the CLI, in the order --help lists them. The list holds only what --help
 * shows; a command's module, and the libraries it imports, load when the command is named.
 */
import type { CommandEntry } from '../io.js';

export const COMMANDS: CommandEntry[] = [
  { name: 'init', args: '[dir]', summary: 'start a new book project (default: in the current folder)', load: async () => (await import('./init.js')).initCommand },
  { name: 'build', args: '[dir...]', summary: 'check the book, then write its EPUB and PDF', load: async () => (await import('./build.js')).buildCommand },
  { name: 'check', args: '[dir]', summary: 'check book.yaml and every chapter without building', load: async () => (await import('./check.js')).checkCommand },
  { name: 'lint', args: '[dir]', summary: 'check punctuation per GB/T 15834 (and apply the safe fixes)', load: async () => (await import('./lint.js')).lintCommand },
  { name: 'export', args: 'onix [dir]', summary: 'write an ONIX 3.0 record of the print book', load: async () => (await import('./export.js')).exportCommand },
  { name: 'import', args: '<ocr.txt|file.docx>', summary: 'turn the OCR text of a printed book or a Word manuscript into a book project', load: async () => (await import('./import.js')).importCommand },
  { name: 'proof', args: '[dir]', summary: 'a PNG contact sheet of spreads of the PDF, for review', load: async () => (await import('./proof.js')).proofCommand },
  { name: 'preflight', args: '<file.pdf>', summary: 'check a print PDF: PDF/X keys, output intent, boxes, no RGB, K-only text, fonts', load: async () => (await import('./preflight.js')).preflightCommand },
];
