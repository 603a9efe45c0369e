/** The PDF's XMP packet from its own escaping builder: any value comes back as written. */
import { describe, expect, it } from 'vitest';
import { xmpPacket, type PdfMetadata } from '../src/writers/pdf/metadata.js';
import { elementsByName, parseXml, XML_NS } from './helpers/xml.js';

const hostile: PdfMetadata = {
  title: 'A & B <C> "D" ]]> <!-- E -->',
  authors: ['甲&amp;乙', '</rdf:li>'],
  subject: '一<二>三',
  keywords: ['I247.5', '小说 & 故事'],
  creator: 'hanpress',
  producer: 'hanpress 0.1 <x>',
  date: new Date(Date.UTC(2024, 4, 1)),
  language: 'zh-CN',
  publisher: '人民 & 文学',
  identifier: 'urn:isbn:9787500867906',
  rights: '版权所有　侵权必究',
};

function values(packet: string, namespace: string, name: string): string[] {
  return elementsByName(parseXml(packet), namespace, name).flatMap((property) => {
    const items = elementsByName(property, XML_NS.rdf, 'li');
    return items.length > 0 ? items.map((li) => li.textContent ?? '') : [property.textContent ?? ''];
  });
}

describe('xmpPacket', () => {
  it('escapes every value: a hostile title, creator or keyword reads back as written', () => {
    const packet = xmpPacket(hostile);
    expect(packet.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(packet.endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(values(packet, XML_NS.dc, 'title')).toEqual([hostile.title]);
    expect(values(packet, XML_NS.dc, 'creator')).toEqual(hostile.authors);
    expect(values(packet, XML_NS.dc, 'description')).toEqual([hostile.subject]);
    expect(values(packet, XML_NS.dc, 'subject')).toEqual(hostile.keywords);
    expect(values(packet, XML_NS.dc, 'publisher')).toEqual([hostile.publisher]);
    expect(values(packet, XML_NS.pdf, 'Producer')).toEqual([hostile.producer]);
    expect(values(packet, XML_NS.pdf, 'Keywords')).toEqual(['I247.5; 小说 & 故事']);
    expect(values(packet, XML_NS.xmp, 'CreateDate')).toEqual(['2024-05-01T00:00:00Z']);
  });

  it('leaves out empty lists and pdf:Keywords when there are no keywords', () => {
    const packet = xmpPacket({ ...hostile, authors: [], keywords: [] });
    expect(values(packet, XML_NS.dc, 'creator')).toEqual([]);
    expect(values(packet, XML_NS.pdf, 'Keywords')).toEqual([]);
  });
});
