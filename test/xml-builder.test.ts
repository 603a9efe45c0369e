/**
 * src/writers/xml-builder.ts, our escaping builder, against xmlbuilder2 (what the EPUB's
 * writers, the generated cover and the SVG sanitiser used before): every document is built
 * through a tee (test/helpers/xml-tee.ts) that makes the same calls on both, and the bytes are
 * compared — random documents with hostile text, and every XML document of real builds (the
 * sample, the sample with hostile text in every text and title, d2l-zh chapters with formulas
 * and a generated cover, sanitised SVGs). Then what is ours alone: every `&` escaped, the
 * characters XML cannot carry and misuse refused, EPUBCheck clean on the hostile book.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import sax from 'sax';
import type { Block, Book, Chapter, Inline } from '../src/model/book.js';
import { BuildSession } from '../src/pipeline/session.js';
import { sanitiseSvg } from '../src/images/svg.js';
import { writeEpub } from '../src/writers/epub/index.js';
import type * as XmlBuilder from '../src/writers/xml-builder.js';
import { xmlDocument, XHTML_NS, XML_NS, XMLNS_NS, type XmlElement } from '../src/writers/xml-builder.js';
import { d2lProject } from './helpers/d2l-project.js';
import { formatMessages, runEpubcheck } from './helpers/epubcheck.js';
import { tempDir } from './helpers/project.js';
import { loadBook } from './helpers/sample.js';
import { assertWellFormed } from './helpers/xml.js';
import { takePairs, type Pair } from './helpers/xml-tee.js';

vi.mock('../src/writers/xml-builder.js', async (importOriginal) => {
  const real = await importOriginal<typeof XmlBuilder>();
  const { teeDocument } = await import('./helpers/xml-tee.js');
  return { ...real, xmlDocument: (options: { encoding?: 'UTF-8' } = {}) => teeDocument(real.xmlDocument(options), options) };
});

/**
 * Text a book may carry that XML must escape or keep as is: markup characters, quotes,
 * white space, astral and CJK characters, U+0085/U+2028/U+007F (legal XML), `]]>`, a BOM.
 * (An `&` that starts an entity-like sequence is the one place the two builders differ:
 * tested on its own below.)
 */
const HOSTILE = [
  'a & b',
  'x<y>z',
  '"双引" \'单引\'',
  'AT&T&&',
  '& ;',
  '&#x41; &#; &1; &a b;',
  '\t制表\n换行\r回车',
  '😀𠀀𪚥 astral',
  '中文。「引号」——《书名》',
  ']]> <![CDATA[ x ]]>',
  '<!-- 注释 --> <?pi x?>',
  '\u00a0\u3000\u200b\u200d',
  '\uFEFF\u0085\u2028\u007F',
  '',
  ' ',
  '<p class="x">not markup</p>',
];

function expectSame(pairs: Pair[]): void {
  expect(pairs.length).toBeGreaterThan(0);
  for (const { ours, theirs } of pairs) {
    expect(ours).toBe(theirs);
    assertWellFormed(ours);
  }
}

/** A small seeded generator, so a failure names a document that can be made again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const EPUB_NS = 'http://www.idpf.org/2007/ops';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

/** A random document of the kinds the writers make: XHTML with void elements, SVG, namespaced names. */
function randomDocument(seed: number): string {
  const next = random(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const doc = xmlDocument(next() < 0.8 ? { encoding: 'UTF-8' } : {});
  if (next() < 0.5) doc.dtd();
  const rootKind = pick(['xhtml', 'svg', 'none', 'dc'] as const);
  const root =
    rootKind === 'xhtml' ? doc.ele(XHTML_NS, 'html') : rootKind === 'svg' ? doc.ele(SVG_NS, 'svg') : rootKind === 'dc' ? doc.ele(DC_NS, 'dc:metadata') : doc.ele('root');
  if (next() < 0.5) root.att(XMLNS_NS, 'xmlns:epub', EPUB_NS);
  const fill = (parent: XmlElement, depth: number): void => {
    const children = Math.floor(next() * (depth > 3 ? 1 : 5));
    for (let i = 0; i < children; i++) {
      const kind = next();
      if (kind < 0.3) {
        parent.txt(pick(HOSTILE));
        continue;
      }
      const name = pick(['p', 'span', 'br', 'img', 'meta', 'hr', 'link', 'section', 'a', 'td', 'g', 'rect']);
      const element =
        kind < 0.75 ? parent.ele(name) : kind < 0.84 ? parent.ele(SVG_NS, name) : kind < 0.92 ? parent.ele(EPUB_NS, 'epub:switch') : parent.ele(DC_NS, 'dc:title');
      const attributes = Math.floor(next() * 4);
      for (let a = 0; a < attributes; a++) {
        const which = next();
        if (which < 0.6) element.att(pick(['class', 'id', 'href', 'alt', 'title']), pick(HOSTILE));
        else if (which < 0.7) element.att(XML_NS, 'xml:lang', pick(['zh-CN', 'en', '&"<>']));
        else if (which < 0.8) element.att(EPUB_NS, 'epub:type', pick(HOSTILE));
        else if (which < 0.9) element.att(XLINK_NS, 'xlink:href', `#${pick(HOSTILE)}`);
        else element.att('class', 'again').att('class', pick(HOSTILE));
      }
      fill(element, depth + 1);
    }
  };
  fill(root, 0);
  return doc.end({ headless: next() < 0.2 });
}

describe('the builder against xmlbuilder2', () => {
  it('writes 400 random documents with hostile text byte for byte as xmlbuilder2 does', () => {
    takePairs();
    for (let seed = 1; seed <= 400; seed++) randomDocument(seed);
    const pairs = takePairs();
    expect(pairs).toHaveLength(400);
    pairs.forEach(({ ours, theirs }, i) => expect(ours, `seed ${i + 1}`).toBe(theirs));
  });

  it('writes what the EPUB needs as xmlbuilder2 did: declaration, DOCTYPE named after the root, void and empty XHTML elements, namespaces', () => {
    takePairs();
    const doc = xmlDocument({ encoding: 'UTF-8' }).dtd();
    const html = doc.ele(XHTML_NS, 'html').att(XMLNS_NS, 'xmlns:epub', EPUB_NS).att('lang', 'zh').att(XML_NS, 'xml:lang', 'zh');
    const body = html.ele('body');
    body.ele('br');
    body.ele('span').att(EPUB_NS, 'epub:type', 'pagebreak');
    body.ele('p').txt('');
    body.ele(SVG_NS, 'svg').ele('rect');
    const ours = doc.end();
    expect(ours).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="zh" xml:lang="zh">' +
        '<body><br /><span epub:type="pagebreak"></span><p></p><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg></body></html>',
    );
    expectSame(takePairs());
  });
});

describe('what differs from xmlbuilder2, on purpose', () => {
  it('escapes every &, where xmlbuilder2 keeps one that starts an entity-like sequence (so the text "&lt;" stays that text)', () => {
    takePairs();
    const text = '&amp; &lt; &#12; &copy;';
    const doc = xmlDocument();
    doc.ele('p').att('title', text).txt(text);
    const ours = doc.end({ headless: true });
    const [pair] = takePairs();
    expect(ours).toBe('<p title="&amp;amp; &amp;lt; &amp;#12; &amp;copy;">&amp;amp; &amp;lt; &amp;#12; &amp;copy;</p>');
    expect(pair?.theirs).toBe(`<p title="${text}">${text}</p>`);
    // Read back by a strict parser (xmlbuilder2's own parser decodes `&amp;#12;` twice).
    const read: { text: string; title?: string } = { text: '' };
    const parser = sax.parser(true);
    parser.onopentag = (tag) => (read.title = String(tag.attributes.title));
    parser.ontext = (t) => (read.text += t);
    parser.write(ours).close();
    expect(read).toEqual({ text, title: text });
  });

  it('gives an element made without a namespace the default one in scope, where xmlbuilder2 looks past an element in no namespace', () => {
    const doc = xmlDocument();
    doc.ele(XHTML_NS, 'html').ele(null, 'x').ele('y');
    const ours = doc.end({ headless: true });
    const [pair] = takePairs();
    expect(ours).toBe('<html xmlns="http://www.w3.org/1999/xhtml"><x xmlns=""><y/></x></html>');
    expect(pair?.theirs).toBe('<html xmlns="http://www.w3.org/1999/xhtml"><x xmlns=""><y xmlns="http://www.w3.org/1999/xhtml"></y></x></html>');
  });

  it('refuses the characters XML cannot carry (xmlbuilder2 wrote them raw, an ill-formed file)', () => {
    for (const bad of ['\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uFFFF', 'a\uD800b', 'a\uDC00', '\uDBFF']) {
      expect(() => xmlDocument().ele('p').txt(`x${bad}`), JSON.stringify(bad)).toThrow(/XML cannot carry/);
      expect(() => xmlDocument().ele('p').att('alt', bad), JSON.stringify(bad)).toThrow(/XML cannot carry/);
    }
    takePairs();
  });
});

describe('well-formed by construction', () => {
  it('refuses content for an element that has closed, attributes after content, a second root and names that are not XML names', () => {
    const doc = xmlDocument();
    const root = doc.ele('root');
    const first = root.ele('a');
    root.ele('b');
    expect(() => first.txt('late')).toThrow(/closed/);
    expect(() => first.ele('c')).toThrow(/closed/);
    const b = root.ele('b2').txt('x');
    expect(() => b.att('id', '1')).toThrow(/before its content/);
    expect(() => doc.ele('second')).toThrow(/one root/);
    expect(() => root.ele('a b')).toThrow(/not an XML name/);
    expect(() => root.ele('<x>')).toThrow(/not an XML name/);
    expect(() => root.ele('ok').att('on"x', 'v')).toThrow(/not an XML name/);
    expect(() => root.ele('p:x')).toThrow(/not bound/);
    // Namespace declarations only as namespace declarations, never rebinding a prefix in use.
    expect(() => root.ele('n1').att('xmlns', 'urn:x')).toThrow(/needs its namespace/);
    expect(() => root.ele('n2').att(XMLNS_NS, 'xmlns:xml', 'urn:x')).toThrow(/not a namespace declaration/);
    expect(() => root.ele('n3').att(XMLNS_NS, 'xmlns:e', '')).toThrow(/not a namespace declaration/);
    expect(() => root.ele(EPUB_NS, 'e:x').att(XMLNS_NS, 'xmlns:e', 'urn:other')).toThrow(/binds xmlns:e twice/);
    expect(() => root.ele('n4').att(EPUB_NS, 'e:type', 'a').att(XLINK_NS, 'e:href', 'b')).toThrow(/binds xmlns:e twice/);
    expect(doc.end({ headless: true })).toBe(
      '<root><a/><b/><b2>x</b2><ok/><n1/><n2/><n3/><e:x xmlns:e="http://www.idpf.org/2007/ops"/><n4 xmlns:e="http://www.idpf.org/2007/ops" e:type="a"/></root>',
    );
    takePairs();
  });

  it('closes what is open when an outer element gets content, so handles can be kept in document order', () => {
    const doc = xmlDocument();
    const root = doc.ele('root');
    const p = root.ele('p');
    p.ele('b').txt('粗');
    p.txt('后');
    root.ele('q').up().ele('r');
    expect(doc.end({ headless: true })).toBe('<root><p><b>粗</b>后</p><q/><r/></root>');
    takePairs();
  });
});

// ---- whole builds through the tee ----

function withHostileText(book: Book): Book {
  let n = 0;
  const hostile = (): string => HOSTILE[n++ % HOSTILE.length] ?? '';
  const inline = (i: Inline): Inline => {
    if (i.type === 'text' || i.type === 'code') return { ...i, value: `${i.value}${hostile()}` };
    if ('children' in i && Array.isArray(i.children)) return { ...i, children: i.children.map(inline) } as Inline;
    return i;
  };
  const block = (b: Block): Block => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return { ...b, children: b.children.map(inline) };
      case 'blockquote':
        return { ...b, children: b.children.map(block) };
      case 'list':
        return { ...b, items: b.items.map((item) => item.map(block)) };
      case 'codeBlock':
        return { ...b, value: `${b.value}${hostile()}` };
      default:
        return b;
    }
  };
  const chapter = (c: Chapter): Chapter => {
    const extra = hostile() || '&';
    return {
      ...c,
      title: `${c.title}${extra}`,
      titleLines: c.titleLines.map((l) => `${l}${extra}`),
      blocks: c.blocks.map(block),
      footnotes: c.footnotes.map((f) => ({ ...f, blocks: f.blocks.map(block) })),
    };
  };
  const meta = structuredClone(book.meta);
  meta.title = { ...meta.title, main: `${meta.title.main} <&> "甲" '乙'` };
  meta.rights = `${meta.rights}${HOSTILE.join('|')}`;
  return { ...book, meta, front: book.front.map(chapter), parts: book.parts.map((p) => ({ ...p, title: `${p.title} & <编>`, chapters: p.chapters.map(chapter) })) };
}

describe('every XML document of real builds, through the tee', () => {
  let sample: Awaited<ReturnType<typeof loadBook>>;
  beforeAll(async () => {
    sample = await loadBook();
  });

  it('the sample: every document byte for byte as xmlbuilder2 wrote it', async () => {
    takePairs();
    await writeEpub(sample.book, sample.front, sample.ctx);
    const pairs = takePairs();
    // container, Apple's options, the OPF, the NCX, nav, the generated pages and every chapter.
    expect(pairs.length).toBeGreaterThan(sample.book.parts.flatMap((p) => p.chapters).length + 5);
    expectSame(pairs);
  });

  it('the sample with hostile text in every text, code, title and the metadata: the same bytes, and EPUBCheck clean', async () => {
    takePairs();
    const book = withHostileText(sample.book);
    const bytes = await writeEpub(book, sample.front, sample.ctx);
    const pairs = takePairs();
    expectSame(pairs);
    expect(pairs.some((p) => p.ours.includes('AT&amp;T&amp;&amp;') && p.ours.includes('😀𠀀𪚥'))).toBe(true);
    const file = path.join(await tempDir('hanpress-xml-builder-'), 'hostile.epub');
    await writeFile(file, bytes);
    const report = await runEpubcheck(file);
    const problems = report.messages.filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity));
    expect(problems, formatMessages(problems)).toEqual([]);
  });

  it('d2l-zh chapters with formulas (MathJax MathML replayed into the builder) and a generated cover: the same bytes', async () => {
    const { dir } = await d2lProject(await tempDir('hanpress-xml-d2l-'), {
      dropDangling: true,
      chapters: ['chapter_notation/index.md', 'chapter_linear-networks/linear-regression.md', 'chapter_preliminaries/ndarray.md'],
    });
    const session = new BuildSession({ dir, env: { ...process.env, SOURCE_DATE_EPOCH: '1714521600' } });
    const { book } = await session.book();
    if (!book) throw new Error('the d2l project did not load');
    takePairs();
    await writeEpub(book, session.front(book.meta), await session.context(book));
    const pairs = takePairs();
    expectSame(pairs);
    const maths = pairs.filter((p) => p.ours.includes('<math xmlns="http://www.w3.org/1998/Math/MathML"'));
    expect(maths.length).toBeGreaterThanOrEqual(2);
    expect(maths.some((p) => p.ours.includes('display="block"') && p.ours.includes('alttext='))).toBe(true);
    // The cover's background (no cover.jpg in the project), headless SVG.
    expect(pairs.some((p) => p.ours.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1600"'))).toBe(true);
  });

  it('sanitised SVGs: the same bytes', () => {
    takePairs();
    const svgs = [
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><g id="a"><rect width="1" height="1"/></g></defs><use xlink:href="#a"/><text xml:space="preserve" x="1">a &amp; b &lt; c "引" 😀</text></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><style>rect { fill: red }</style><g><title>图 &amp; 表</title><path d="M0 0L1 1" onclick="x()"/><script>alert(1)</script></g><a href="#x"><circle r="1"/></a></svg>',
      '<?xml version="1.0"?><svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:g><svg:text>前缀</svg:text></svg:g></svg:svg>',
    ];
    for (const svg of svgs) expect(sanitiseSvg(svg, 'x.svg').svg).toBeDefined();
    expectSame(takePairs());
  });
});
