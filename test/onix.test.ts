/**
 * `hanpress export onix`: the ONIX 3.0 record of the sample book, checked structurally (no
 * ONIX XSD is published on npm): the elements each composite needs, in the order the ONIX 3.0
 * reference-tag schema fixes, with the exact values for 新的使命和担当Ⅱ.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { main, type Io } from '../src/cli/main.js';
import { exportOnix, ONIX_NS } from '../src/export/onix.js';
import { isbn13CheckDigit } from '../src/metadata/isbn.js';
import { projectWith, replaceOnce, tempDir } from './helpers/project.js';
import { REPO_ROOT, SAMPLE_DIR } from './helpers/sample.js';

/**
 * Child order of each composite we write, from the ONIX 3.0 reference-tag schema (3.0.x
 * sequence; optional elements we never write are listed so a later addition lands in place).
 */
const SPEC_ORDER: Record<string, string[]> = {
  ONIXMessage: ['Header', 'NoProduct', 'Product'],
  Header: [
    'Sender', 'Addressee', 'MessageNumber', 'MessageRepeat', 'SentDateTime', 'MessageNote',
    'DefaultLanguageOfText', 'DefaultPriceType', 'DefaultCurrencyCode',
  ],
  Product: [
    'RecordReference', 'NotificationType', 'DeletionText', 'RecordSourceType', 'RecordSourceIdentifier',
    'RecordSourceName', 'ProductIdentifier', 'Barcode', 'DescriptiveDetail', 'CollateralDetail',
    'PromotionDetail', 'ContentDetail', 'PublishingDetail', 'RelatedMaterial', 'ProductSupply',
  ],
  DescriptiveDetail: [
    'ProductComposition', 'ProductForm', 'ProductFormDetail', 'ProductFormFeature', 'ProductPackaging',
    'ProductFormDescription', 'TradeCategory', 'PrimaryContentType', 'ProductContentType', 'Measure',
    'CountryOfManufacture', 'EpubTechnicalProtection', 'EpubUsageConstraint', 'EpubLicense', 'MapScale',
    'ProductClassification', 'ProductPart', 'Collection', 'NoCollection', 'TitleDetail', 'ThesisType',
    'ThesisPresentedTo', 'ThesisYear', 'Contributor', 'ContributorStatement', 'NoContributor', 'Conference',
    'Event', 'EditionType', 'EditionNumber', 'EditionVersionNumber', 'EditionStatement', 'NoEdition',
    'ReligiousText', 'Language', 'Extent', 'Illustrated', 'NumberOfIllustrations', 'IllustrationsNote',
    'AncillaryContent', 'Subject', 'NameAsSubject', 'AudienceCode', 'Audience', 'AudienceRange',
    'AudienceDescription', 'Complexity',
  ],
  Measure: ['MeasureType', 'Measurement', 'MeasureUnitCode'],
  Collection: ['CollectionType', 'SourceName', 'CollectionIdentifier', 'CollectionSequence', 'TitleDetail'],
  TitleDetail: ['TitleType', 'TitleElement', 'TitleStatement'],
  TitleElement: [
    'SequenceNumber', 'TitleElementLevel', 'PartNumber', 'YearOfAnnual', 'TitleText', 'TitlePrefix',
    'NoPrefix', 'TitleWithoutPrefix', 'Subtitle',
  ],
  Contributor: ['SequenceNumber', 'ContributorRole', 'FromLanguage', 'ToLanguage', 'NameType', 'NameIdentifier', 'PersonName'],
  Language: ['LanguageRole', 'LanguageCode', 'CountryCode', 'RegionCode', 'ScriptCode'],
  Extent: ['ExtentType', 'ExtentValue', 'ExtentValueRoman', 'ExtentUnit'],
  Subject: [
    'MainSubject', 'SubjectSchemeIdentifier', 'SubjectSchemeName', 'SubjectSchemeVersion', 'SubjectCode',
    'SubjectHeadingText',
  ],
  PublishingDetail: [
    'Imprint', 'Publisher', 'CityOfPublication', 'CountryOfPublication', 'ProductContact', 'PublishingStatus',
    'PublishingStatusNote', 'PublishingDate', 'LatestReprintNumber', 'CopyrightStatement', 'SalesRights',
    'ROWSalesRightsType', 'SalesRestriction',
  ],
  Publisher: ['PublishingRole', 'PublisherIdentifier', 'PublisherName', 'Funding', 'Website'],
  PublishingDate: ['PublishingDateRole', 'Date'],
  RelatedMaterial: ['RelatedWork', 'RelatedProduct'],
  RelatedProduct: ['ProductRelationCode', 'ProductIdentifier', 'ProductForm', 'ProductFormDetail'],
  ProductIdentifier: ['ProductIDType', 'IDTypeName', 'IDValue'],
  ProductSupply: ['Market', 'MarketPublishingDetail', 'SupplyDetail'],
  SupplyDetail: [
    'Supplier', 'SupplierOwnCoding', 'ReturnsConditions', 'ProductAvailability', 'SupplyDate', 'OrderTime',
    'NewSupplier', 'Stock', 'PackQuantity', 'Palletpal', 'OrderQuantityMinimum', 'OrderQuantityMultiple',
    'UnpricedItemType', 'Price',
  ],
  Supplier: ['SupplierRole', 'SupplierIdentifier', 'SupplierName', 'TelephoneNumber', 'EmailAddress', 'Website'],
  Price: ['PriceIdentifier', 'PriceType', 'PriceQualifier', 'PriceTypeDescription', 'PricePer', 'PriceStatus', 'PriceAmount', 'Tax', 'CurrencyCode', 'Territory'],
};

/** Elements that must be present in each composite we write. */
const REQUIRED: Record<string, string[]> = {
  ONIXMessage: ['Header', 'Product'],
  Header: ['Sender', 'SentDateTime'],
  Product: ['RecordReference', 'NotificationType', 'ProductIdentifier', 'DescriptiveDetail', 'PublishingDetail', 'ProductSupply'],
  DescriptiveDetail: ['ProductComposition', 'ProductForm', 'TitleDetail'],
  TitleDetail: ['TitleType', 'TitleElement'],
  TitleElement: ['TitleElementLevel'],
  Contributor: ['ContributorRole'],
  Collection: ['CollectionType'],
  Subject: ['SubjectSchemeIdentifier'],
  PublishingDetail: ['Publisher'],
  Publisher: ['PublishingRole', 'PublisherName'],
  PublishingDate: ['PublishingDateRole', 'Date'],
  RelatedProduct: ['ProductRelationCode', 'ProductIdentifier'],
  ProductIdentifier: ['ProductIDType', 'IDValue'],
  SupplyDetail: ['Supplier', 'ProductAvailability'],
  Price: ['PriceAmount', 'CurrencyCode'],
};

/** The part of the DOM (xmlbuilder2's parser) these tests read. */
interface Element {
  nodeType: number;
  localName: string;
  namespaceURI: string | null;
  textContent: string | null;
  childNodes: ArrayLike<Element>;
  getAttribute(name: string): string | null;
}

function elements(node: Element): Element[] {
  return Array.from(node.childNodes).filter((n) => n.nodeType === 1);
}

function parse(xml: string): Element {
  return create(xml).root().node as unknown as Element;
}

function all(el: Element, name: string): Element[] {
  return elements(el).filter((c) => c.localName === name);
}

function one(el: Element, name: string): Element {
  const found = all(el, name);
  if (found.length !== 1) throw new Error(`<${el.localName}> has ${found.length} <${name}>`);
  return found[0] as Element;
}

/** Text at a slash path below `el`, each step a single child. */
function at(el: Element, steps: string): string {
  return steps.split('/').reduce((node, step) => one(node, step), el).textContent ?? '';
}

/** Walks the tree and reports elements out of spec order, unknown or missing. */
function structureProblems(el: Element, problems: string[] = []): string[] {
  if (el.namespaceURI !== ONIX_NS) problems.push(`<${el.localName}> is not in the ONIX namespace`);
  const order = SPEC_ORDER[el.localName];
  const kids = elements(el);
  if (order) {
    let last = -1;
    for (const kid of kids) {
      const index = order.indexOf(kid.localName);
      if (index < 0) problems.push(`<${kid.localName}> is not expected in <${el.localName}>`);
      else if (index < last) problems.push(`<${kid.localName}> is out of order in <${el.localName}>`);
      else last = index;
    }
  }
  for (const name of REQUIRED[el.localName] ?? []) {
    if (!kids.some((k) => k.localName === name)) problems.push(`<${el.localName}> lacks <${name}>`);
  }
  kids.forEach((kid) => structureProblems(kid, problems));
  return problems;
}

function contributor(product: Element, name: string): Element {
  const found = all(one(product, 'DescriptiveDetail'), 'Contributor').find((c) => at(c, 'PersonName') === name);
  if (!found) throw new Error(`no contributor ${name}`);
  return found;
}

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: REPO_ROOT, env };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function ebookIsbn(): string {
  const first12 = '978750086791';
  return `978-7-5008-6791-${isbn13CheckDigit(first12)}`;
}

describe('ONIX export of the sample book', () => {
  let xml: string;
  let root: Element;
  let product: Element;

  beforeAll(async () => {
    xml = (await exportOnix(SAMPLE_DIR, {})).xml;
    root = parse(xml);
    product = one(root, 'Product');
  });

  it('is an ONIX 3.0 reference-tag message with every composite complete and in schema order', () => {
    expect(root.localName).toBe('ONIXMessage');
    expect(root.namespaceURI).toBe('http://ns.editeur.org/onix/3.0/reference');
    expect(root.getAttribute('release')).toBe('3.0');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(structureProblems(root)).toEqual([]);
    expect(elements(product).map((e) => e.localName)).toEqual([
      'RecordReference', 'NotificationType', 'ProductIdentifier', 'DescriptiveDetail', 'PublishingDetail', 'ProductSupply',
    ]);
  });

  it('has the header from the publisher and the edition date', () => {
    expect(at(root, 'Header/Sender/SenderName')).toBe('中国工人出版社');
    expect(at(root, 'Header/SentDateTime')).toBe('20170901T0000Z');
  });

  it('identifies the print book by its ISBN-13, digits only', () => {
    expect(at(product, 'RecordReference')).toBe('9787500867906');
    expect(at(product, 'NotificationType')).toBe('03');
    expect(at(product, 'ProductIdentifier/ProductIDType')).toBe('15');
    expect(at(product, 'ProductIdentifier/IDValue')).toBe('9787500867906');
    expect(all(product, 'RelatedMaterial')).toEqual([]);
  });

  it('describes form, trim size, title, contributors, edition, language, extent and subjects', () => {
    const detail = one(product, 'DescriptiveDetail');
    expect(at(detail, 'ProductComposition')).toBe('00');
    expect(at(detail, 'ProductForm')).toBe('BC');
    const measures = all(detail, 'Measure').map((m) => [at(m, 'MeasureType'), at(m, 'Measurement'), at(m, 'MeasureUnitCode')]);
    expect(measures).toEqual([['01', '240', 'mm'], ['02', '170', 'mm']]);
    expect(all(detail, 'Collection')).toEqual([]);

    expect(at(detail, 'TitleDetail/TitleType')).toBe('01');
    const title = one(one(detail, 'TitleDetail'), 'TitleElement');
    expect(at(title, 'TitleElementLevel')).toBe('01');
    expect(at(title, 'TitleText')).toBe('新的使命和担当');
    expect(at(title, 'PartNumber')).toBe('Ⅱ');
    expect(at(title, 'Subtitle')).toBe('中国工会改革创新实录（2015—2017）');

    const people = all(detail, 'Contributor').map((c) => [at(c, 'SequenceNumber'), at(c, 'ContributorRole'), at(c, 'PersonName')]);
    expect(people).toEqual([
      ['1', 'B11', '李玉赋'],
      ['2', 'B19', '陈荣书'],
      ['3', 'B19', '李守镇'],
      ['4', 'B19', '吕国泉'],
      ['5', 'B14', '王娇萍'],
      ['6', 'B14', '陶志勇'],
    ]);
    expect(at(contributor(product, '李玉赋'), 'ContributorRole')).toBe('B11');

    expect(at(detail, 'EditionNumber')).toBe('1');
    expect(at(detail, 'Language/LanguageRole')).toBe('01');
    expect(at(detail, 'Language/LanguageCode')).toBe('chi');
    // 28 印张 × 16 开 = 448 printed pages: ONIX calls that the production page count.
    expect(at(detail, 'Extent/ExtentType')).toBe('06');
    expect(at(detail, 'Extent/ExtentValue')).toBe('448');
    expect(at(detail, 'Extent/ExtentUnit')).toBe('03');

    const [clc, keywords, ...more] = all(detail, 'Subject');
    expect(more).toEqual([]);
    expect(all(clc as Element, 'MainSubject')).toHaveLength(1);
    expect(at(clc as Element, 'SubjectSchemeIdentifier')).toBe('88');
    expect(at(clc as Element, 'SubjectCode')).toBe('D412.6');
    expect(at(keywords as Element, 'SubjectSchemeIdentifier')).toBe('20');
    expect(at(keywords as Element, 'SubjectHeadingText')).toBe('工会工作; 体制改革; 中国; 2015-2017');
  });

  it('gives publisher, place, status and the publication date as YYYYMM', () => {
    const detail = one(product, 'PublishingDetail');
    expect(at(detail, 'Imprint/ImprintName')).toBe('中国工人出版社');
    expect(at(detail, 'Publisher/PublishingRole')).toBe('01');
    expect(at(detail, 'Publisher/PublisherName')).toBe('中国工人出版社');
    expect(at(detail, 'CityOfPublication')).toBe('北京');
    expect(at(detail, 'CountryOfPublication')).toBe('CN');
    expect(at(detail, 'PublishingStatus')).toBe('04');
    const date = one(one(detail, 'PublishingDate'), 'Date');
    expect(at(detail, 'PublishingDate/PublishingDateRole')).toBe('01');
    expect(date.getAttribute('dateformat')).toBe('01');
    expect(date.textContent).toBe('201709');
  });

  it('supplies the book in China at 55.00 CNY including tax', () => {
    const supply = one(product, 'ProductSupply');
    expect(at(supply, 'Market/Territory/CountriesIncluded')).toBe('CN');
    const detail = one(supply, 'SupplyDetail');
    expect(at(detail, 'Supplier/SupplierRole')).toBe('01');
    expect(at(detail, 'Supplier/SupplierName')).toBe('中国工人出版社');
    expect(at(detail, 'ProductAvailability')).toBe('20');
    expect(at(detail, 'Price/PriceType')).toBe('02');
    expect(at(detail, 'Price/PriceAmount')).toBe('55.00');
    expect(at(detail, 'Price/CurrencyCode')).toBe('CNY');
  });

  it('gives the same bytes on every run, and takes SentDateTime from SOURCE_DATE_EPOCH when set', async () => {
    expect((await exportOnix(SAMPLE_DIR, {})).xml).toBe(xml);
    const epoch = (await exportOnix(SAMPLE_DIR, { SOURCE_DATE_EPOCH: '1506861000' })).xml;
    expect(at(parse(epoch), 'Header/SentDateTime')).toBe('20171001T1230Z');
    expect(epoch.replace(/<SentDateTime>\d{8}T\d{4}Z</, '')).toBe(xml.replace(/<SentDateTime>\d{8}T\d{4}Z</, ''));
  });
});

describe('ONIX export of other books', () => {
  it('escapes & and < in text', async () => {
    const dir = await projectWith({
      'book.yaml': replaceOnce('main: 新的使命和担当', 'main: "新的使命 & <担当>"'),
    });
    const { xml } = await exportOnix(dir, {});
    expect(xml).toContain('<TitleText>新的使命 &amp; &lt;担当&gt;</TitleText>');
    const product = one(parse(xml), 'Product');
    expect(at(product, 'DescriptiveDetail/TitleDetail/TitleElement/TitleText')).toBe('新的使命 & <担当>');
  });

  it('leaves the page count out, with a warning, when book.yaml leaves 印张 to the build', async () => {
    const dir = await projectWith({ 'book.yaml': replaceOnce('sheets: 28, ', '') });
    const { xml, diagnostics } = await exportOnix(dir, {});
    expect(diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning onix/no-extent']);
    const root = parse(xml);
    expect(structureProblems(root)).toEqual([]);
    expect(all(one(one(root, 'Product'), 'DescriptiveDetail'), 'Extent')).toEqual([]);
    const result = await run(['export', 'onix', dir]);
    expect(result.code).toBe(0);
    expect(result.err).toContain('warning onix/no-extent');
    expect(`${result.out}\n`).toBe(xml);
  });

  it('names the series as a collection and points at the e-book as an alternative format', async () => {
    const dir = await projectWith({
      'book.yaml': replaceOnce(
        'isbn: 978-7-5008-6790-6\n',
        `isbn: 978-7-5008-6790-6\nebookIsbn: ${ebookIsbn()}\nseries: { title: 工会改革丛书, number: "2" }\n`,
      ),
    });
    const { xml, diagnostics } = await exportOnix(dir, {});
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const root = parse(xml);
    expect(structureProblems(root)).toEqual([]);
    const product = one(root, 'Product');
    expect(elements(product).map((e) => e.localName)).toEqual([
      'RecordReference', 'NotificationType', 'ProductIdentifier', 'DescriptiveDetail', 'PublishingDetail',
      'RelatedMaterial', 'ProductSupply',
    ]);
    // This record is the print book; the e-book ISBN only appears as the related product.
    expect(at(product, 'ProductIdentifier/IDValue')).toBe('9787500867906');
    const related = one(one(product, 'RelatedMaterial'), 'RelatedProduct');
    expect(all(related, 'ProductRelationCode').map((c) => c.textContent)).toEqual(['06', '27']);
    expect(at(related, 'ProductIdentifier/ProductIDType')).toBe('15');
    expect(at(related, 'ProductIdentifier/IDValue')).toBe(ebookIsbn().replace(/-/g, ''));

    const collection = one(one(product, 'DescriptiveDetail'), 'Collection');
    expect(at(collection, 'CollectionType')).toBe('10');
    expect(at(collection, 'TitleDetail/TitleType')).toBe('01');
    expect(at(collection, 'TitleDetail/TitleElement/TitleElementLevel')).toBe('02');
    expect(at(collection, 'TitleDetail/TitleElement/TitleText')).toBe('工会改革丛书');
    expect(at(collection, 'TitleDetail/TitleElement/PartNumber')).toBe('2');
  });
});

describe('hanpress export onix', () => {
  const SAMPLE_XML = async (): Promise<string> => (await exportOnix(SAMPLE_DIR, {})).xml;

  it('prints the record to stdout by default', async () => {
    const result = await run(['export', 'onix', SAMPLE_DIR]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(`${result.out}\n`).toBe(await SAMPLE_XML());
  });

  it('writes --out atomically, replacing the previous file and leaving no temporary file', async () => {
    const out = await tempDir('hanpress-onix-');
    const file = path.join(out, 'record.xml');
    await writeFile(file, 'previous export');
    const result = await run(['export', 'onix', SAMPLE_DIR, '--out', file]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('exported ');
    expect(await readFile(file, 'utf8')).toBe(await SAMPLE_XML());
    expect(await readdir(out)).toEqual(['record.xml']);
  });

  it('refuses a broken book with exit 1, prints the diagnostics and writes nothing', async () => {
    const out = await tempDir('hanpress-onix-keep-');
    const file = path.join(out, 'record.xml');
    await writeFile(file, 'previous export');
    const dir = await projectWith({ 'book.yaml': replaceOnce('price: "55.00"', 'price: 55') });
    const result = await run(['export', 'onix', dir, '--out', file]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('error book/type: `price` must be string.');
    expect(result.err).toMatch(/--> .*book\.yaml:\d+:\d+/);
    expect(result.err).toContain('export failed: 1 error; nothing was written.');
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await readdir(out)).toEqual(['record.xml']);
    expect(await readFile(file, 'utf8')).toBe('previous export');
  });

  it('refuses a broken book on stdout too, printing nothing there', async () => {
    const dir = await projectWith({ 'book.yaml': replaceOnce('price: "55.00"', 'price: 55') });
    const result = await run(['export', 'onix', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
  });

  it('rejects an unknown or missing export format with usage', async () => {
    for (const args of [['export', 'marc', SAMPLE_DIR], ['export']]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.err).toContain('Run hanpress export --help for the usage.');
    }
  });
});
