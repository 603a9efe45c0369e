/**
 * SVG images are sanitised before they enter the EPUB (issue 14): a strict allow-list over a
 * real XML parser. Unit cases for each kind of active or external content, refusals with
 * positions, and one real build whose EPUB is unzipped, searched and run through EPUBCheck.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import { sanitiseSvg } from '../src/images/svg.js';
import { runEpubcheck, formatMessages } from './helpers/epubcheck.js';
import { appendLines, checkJson, expectRefused, hostileProject, run, SLUG } from './helpers/hostile.js';

const HOSTILE = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="http://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" viewBox="0 0 120 60" onload="alert(1)">
  <title>图一</title>
  <script type="text/javascript">alert(document.cookie)</script>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#c33"/><stop offset="1" stop-color="#33c"/></linearGradient></defs>
  <style>@import url(http://evil.example/a.css); rect { fill: red }</style>
  <a xlink:href="javascript:alert(2)"><rect x="0" y="0" width="60" height="60" fill="url(#g)" onmouseover="steal()"/></a>
  <a href="https://evil.example/"><circle cx="90" cy="30" r="20" fill="url(http://evil.example/p.svg#x)"/></a>
  <use xlink:href="https://evil.example/sprite.svg#icon"/>
  <image xlink:href="file:///etc/passwd" width="1" height="1"/>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>
  <set attributeName="href" to="javascript:alert(3)"/>
  <text x="4" y="56" font-size="8">中文 &amp; 图</text>
</svg>
`;

const ACTIVE = /<script|\bon[a-z]+=|javascript:|evil\.example|file:|foreignObject|iframe|<set|@import|xml-stylesheet/i;

function wellFormed(xml: string): void {
  const parser = sax.parser(true, { xmlns: true });
  parser.onerror = (e) => {
    throw e;
  };
  parser.write(xml).close();
}

describe('the SVG sanitiser', () => {
  it('removes scripts, handlers, javascript: and every external reference, keeping the drawing', () => {
    const result = sanitiseSvg(HOSTILE, 'images/hostile.svg');
    const svg = result.svg ?? '';
    expect(svg).not.toMatch(ACTIVE);
    wellFormed(svg);
    for (const kept of ['<title>图一</title>', 'linearGradient', 'fill="url(#g)"', '<rect', '<circle', '中文 &amp; 图', 'viewBox="0 0 120 60"']) expect(svg).toContain(kept);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'image/svg-sanitised', severity: 'warning', file: 'images/hostile.svg', line: 2, column: 1 }),
    ]);
  });

  it('keeps a local <use> reference and a data: image', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="p" d="M0 0h1"/></defs><use xlink:href="#p"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>';
    const result = sanitiseSvg(svg, 'a.svg');
    expect(result.diagnostics).toEqual([]);
    expect(result.svg).toContain('xlink:href="#p"');
    expect(result.svg).toContain('href="data:image/png;base64,iVBORw0KGgo="');
  });

  it('drops editor metadata silently', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:version="1.3"><sodipodi:namedview id="n"/><metadata><x/></metadata><rect width="1" height="1"/></svg>';
    const result = sanitiseSvg(svg, 'a.svg');
    expect(result.diagnostics).toEqual([]);
    expect(result.svg).not.toMatch(/inkscape|sodipodi|metadata/);
  });

  it('refuses a DOCTYPE (entity expansion) at its position', () => {
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>';
    const result = sanitiseSvg(bomb, 'a.svg');
    expect(result.svg).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'image/svg-refused', severity: 'error', line: 2, column: 1 })]);
  });

  it('refuses 100 000 nested groups without exhausting the stack', () => {
    const deep = `<svg xmlns="http://www.w3.org/2000/svg">\n${'<g>'.repeat(100_000)}${'</g>'.repeat(100_000)}</svg>`;
    const result = sanitiseSvg(deep, 'a.svg');
    expect(result.svg).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'image/svg-refused', line: 2, column: 766 })]);
  });

  it('refuses XML that is not well-formed, at the line and column', () => {
    const result = sanitiseSvg('<svg xmlns="http://www.w3.org/2000/svg">\n  <g>\n</svg>', 'a.svg');
    expect(result.svg).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'image/svg-invalid', line: 3 })]);
  });

  it('refuses a document whose root is not SVG', () => {
    const result = sanitiseSvg('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', 'a.svg');
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'image/svg-invalid' })]);
  });
});

describe('SVG in a real build', () => {
  it('warns at the SVG, builds, and the EPUB holds the sanitised SVG; EPUBCheck passes', async () => {
    const h = await hostileProject();
    await mkdir(path.join(h.dir, 'images'));
    await writeFile(path.join(h.dir, 'images/hostile.svg'), HOSTILE);
    await appendLines(path.join(h.dir, 'chapters/1-01.md'), ['![图一](../images/hostile.svg)']);
    const { code, diagnostics } = await checkJson(h.dir);
    expect(code).toBe(0);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'image/svg-sanitised', file: 'images/hostile.svg', line: 2, column: 1 }));
    const built = await run(['build', h.dir, '--out', h.out], h.dir);
    expect(built.code, built.err).toBe(0);
    const epubFile = path.join(h.out, `${SLUG}.epub`);
    const files = unzipSync(await readFile(epubFile));
    const svgs = Object.keys(files).filter((name) => name.endsWith('.svg'));
    expect(svgs.length).toBe(1);
    const svg = new TextDecoder().decode(files[svgs[0] ?? '']);
    expect(svg).not.toMatch(ACTIVE);
    expect(svg).toContain('<rect');
    const report = await runEpubcheck(epubFile);
    expect(report.messages, formatMessages(report.messages)).toEqual([]);
  });

  it('refuses an SVG with a DOCTYPE in check and build, positioned in the SVG', async () => {
    const h = await hostileProject();
    await mkdir(path.join(h.dir, 'images'));
    await writeFile(path.join(h.dir, 'images/bomb.svg'), '<!DOCTYPE svg [<!ENTITY a "x">]>\n<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>');
    await appendLines(path.join(h.dir, 'chapters/1-01.md'), ['![炸弹](../images/bomb.svg)']);
    await expectRefused(h, { code: 'image/svg-refused', file: 'images/bomb.svg', line: 1, column: 1 });
  });

  it('refuses an SVG that is not UTF-8', async () => {
    const h = await hostileProject();
    await mkdir(path.join(h.dir, 'images'));
    await writeFile(path.join(h.dir, 'images/u16.svg'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>', 'utf16le')]));
    await appendLines(path.join(h.dir, 'chapters/1-01.md'), ['![图](../images/u16.svg)']);
    await expectRefused(h, { code: 'encoding/utf16', file: 'images/u16.svg' });
  });
});
