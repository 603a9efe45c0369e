/**
 * One Typst compile to PDF in its own process, as `typst compile book.typ` would run: the
 * compiler (Typst 0.14 in @myriaddreamin/typst-ts-node-compiler) is loaded, given the font
 * folder, and compiles the file. Prints one JSON line: the time from loading the compiler to
 * the written PDF (this script's own start-up is left out, in Typst's favour), pages, bytes.
 * Usage: tsx bench/typst-compile.ts <book.typ> <fonts dir> <out.pdf>
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const [main, fonts, out] = process.argv.slice(2);
if (!main || !fonts || !out) throw new Error('usage: typst-compile.ts <book.typ> <fonts dir> <out.pdf>');
const started = performance.now();
const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
const compiler = NodeCompiler.create({ workspace: path.dirname(main), fontArgs: [{ fontPaths: [fonts] }] });
const pdf = compiler.pdf({ mainFilePath: main });
await writeFile(out, pdf);
const ms = performance.now() - started;
const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
process.stdout.write(`${JSON.stringify({ ms, pages, bytes: pdf.length })}\n`);
