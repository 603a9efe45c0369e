/**
 * The package document (content.opf): metadata built as data and serialised by the escaping builder (xml.ts).
 * EPUB 3.3 keeps `version="3.0"` on the package element.
 */
import { roleMapping } from '../../metadata/roles.js';
import type { FrontPages } from '../../derive/front-pages.js';
import type { BookMetadata, Contributor } from '../../model/metadata.js';
import { ACCESSIBILITY_SUMMARY } from './labels.js';
import { NS, newXmlDocument, serialize, type XMLBuilder } from './xml.js';

export interface ManifestItem {
  id: string;
  /** Package-relative. */
  href: string;
  mediaType: string;
  properties?: string;
}

export interface PackageInput {
  meta: BookMetadata;
  front: FrontPages;
  buildDate: Date;
  manifest: ManifestItem[];
  /** Manifest ids in reading order. */
  spine: string[];
  ncxId: string;
  hasImages: boolean;
  /** Manifest id of the cover image (also named by an EPUB 2 `cover` meta for older readers). */
  coverImageId?: string;
  /** Set when the e-book carries the print edition's page-list. */
  pagination?: { isbn: string };
}

export const IDENTIFIER_ID = 'bookid';

export function isbnUrn(isbn: string): string {
  return `urn:isbn:${isbn.replace(/[^0-9Xx]/g, '').toUpperCase()}`;
}

/**
 * The package's unique identifier. An e-book carries its own ISBN when it has one; the print
 * ISBN then goes into dc:source (the manifestation this edition was made from).
 */
export function packageIdentifier(meta: BookMetadata): string {
  return isbnUrn(meta.ebookIsbn ?? meta.isbn);
}

const ROMAN_LETTERS: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

function romanLetters(text: string): number | undefined {
  if (!/^[IVXLCDM]+$/i.test(text)) return undefined;
  const values = Array.from(text.toUpperCase(), (c) => ROMAN_LETTERS[c] ?? 0);
  return values.reduce((sum, v, i) => sum + ((values[i + 1] ?? 0) > v ? -v : v), 0);
}

/**
 * A volume or series number as the arabic value group-position wants: 2, Ⅱ (U+2161), ⅱ, II.
 * Anything else (上, 下, 甲 …) has no numeric position and gives undefined.
 */
export function arabicNumber(text: string): number | undefined {
  // NFKC folds Ⅱ (U+2161) into "II", ⅱ into "ii" and full-width digits into ASCII ones.
  const folded = text.normalize('NFKC').trim();
  if (/^\d+$/.test(folded)) return Number(folded);
  return romanLetters(folded);
}

/** dcterms:modified must be UTC to the second: CCYY-MM-DDThh:mm:ssZ. */
export function modifiedTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'dv', 'fa', 'ha', 'he', 'khw', 'ks', 'ku', 'ps', 'ur', 'yi']);

export function textDirection(language: string): 'ltr' | 'rtl' {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}

function refine(metadata: XMLBuilder, id: string, property: string, value: string, scheme?: string): void {
  const meta = metadata.ele('meta').att('refines', `#${id}`).att('property', property);
  if (scheme) meta.att('scheme', scheme);
  meta.txt(value);
}

function addContributor(metadata: XMLBuilder, contributor: Contributor, id: string): void {
  const element = contributor.primary ? 'dc:creator' : 'dc:contributor';
  metadata.ele(NS.dc, element).att('id', id).txt(contributor.name);
  refine(metadata, id, 'role', roleMapping(contributor.role).marc, 'marc:relators');
  refine(metadata, id, 'file-as', contributor.fileAs ?? contributor.name);
}

function addSubjects(metadata: XMLBuilder, meta: BookMetadata): void {
  meta.cip.subjects.forEach((subject) => metadata.ele(NS.dc, 'dc:subject').txt(subject));
  meta.cip.clc.forEach((code, i) => {
    const id = `clc${i + 1}`;
    metadata.ele(NS.dc, 'dc:subject').att('id', id).txt(code);
    // 中国图书馆分类法: a code scheme, so the code is also the term.
    refine(metadata, id, 'authority', 'CLC');
    refine(metadata, id, 'term', code);
  });
}

function addCollection(metadata: XMLBuilder, id: string, name: string, position: number | undefined): void {
  metadata.ele('meta').att('property', 'belongs-to-collection').att('id', id).txt(name);
  refine(metadata, id, 'collection-type', 'series');
  if (position !== undefined) refine(metadata, id, 'group-position', String(position));
}

/**
 * A numbered volume (分辑号 Ⅱ) belongs to the collection named by the main title; a 丛书 is a
 * second collection, positioned only when its number is numeric.
 */
function addCollections(metadata: XMLBuilder, meta: BookMetadata): void {
  const { main, partNumber } = meta.title;
  if (partNumber) addCollection(metadata, 'collection1', main, arabicNumber(partNumber));
  if (meta.series) {
    const number = meta.series.number?.normalize('NFKC').trim() ?? '';
    addCollection(metadata, 'collection2', meta.series.title, /^\d+$/.test(number) ? Number(number) : undefined);
  }
}

function addAccessibility(metadata: XMLBuilder, hasImages: boolean, paginated: boolean): void {
  const property = (name: string, value: string): void => {
    metadata.ele('meta').att('property', `schema:${name}`).txt(value);
  };
  property('accessMode', 'textual');
  if (hasImages) property('accessMode', 'visual');
  property('accessModeSufficient', 'textual');
  const features = ['tableOfContents', 'readingOrder', 'structuralNavigation'];
  // Every image keeps the alt text its author wrote (the cover's is the title).
  if (hasImages) features.push('alternativeText');
  // pageNavigation: the page-list; pageBreakMarkers: the markers in the text;
  // printPageNumbers: the older name some stores still read for the same thing.
  if (paginated) features.push('pageNavigation', 'pageBreakMarkers', 'printPageNumbers');
  for (const feature of features) property('accessibilityFeature', feature);
  property('accessibilityHazard', 'none');
  property('accessibilitySummary', ACCESSIBILITY_SUMMARY);
}

function renderMetadata(pkg: XMLBuilder, input: PackageInput): void {
  const { meta, front } = input;
  const metadata = pkg.ele('metadata').att(NS.xmlns, 'xmlns:dc', NS.dc);
  metadata.ele(NS.dc, 'dc:identifier').att('id', IDENTIFIER_ID).txt(packageIdentifier(meta));
  if (input.pagination) {
    // The page-list's folios are those of this print edition (EPUB 3.3 §5.5 source-of).
    metadata.ele(NS.dc, 'dc:source').att('id', 'print-source').txt(isbnUrn(input.pagination.isbn));
    refine(metadata, 'print-source', 'source-of', 'pagination');
  } else if (meta.ebookIsbn) {
    metadata.ele(NS.dc, 'dc:source').txt(isbnUrn(meta.isbn));
  }
  metadata.ele(NS.dc, 'dc:title').att('id', 'title').txt(front.displayTitle);
  refine(metadata, 'title', 'title-type', 'main');
  // Reading systems show the first title (the whole title line, subtitle included); the
  // 其他书名信息 is also named as the subtitle for those that list titles by type.
  if (meta.title.otherInfo) {
    metadata.ele(NS.dc, 'dc:title').att('id', 'subtitle').txt(meta.title.otherInfo);
    refine(metadata, 'subtitle', 'title-type', 'subtitle');
  }
  meta.contributors
    .filter((c) => c.primary)
    .forEach((c, i) => addContributor(metadata, c, `creator${i + 1}`));
  meta.contributors
    .filter((c) => !c.primary)
    .forEach((c, i) => addContributor(metadata, c, `contributor${i + 1}`));
  metadata.ele(NS.dc, 'dc:publisher').txt(meta.publisher.name);
  metadata.ele(NS.dc, 'dc:language').txt(meta.language);
  metadata.ele(NS.dc, 'dc:date').txt(meta.edition.date);
  metadata.ele(NS.dc, 'dc:rights').txt(meta.rights);
  addSubjects(metadata, meta);
  addCollections(metadata, meta);
  metadata.ele('meta').att('property', 'dcterms:modified').txt(modifiedTimestamp(input.buildDate));
  addAccessibility(metadata, input.hasImages || input.coverImageId !== undefined, input.pagination !== undefined);
  if (input.coverImageId) metadata.ele('meta').att('name', 'cover').att('content', input.coverImageId);
}

export function renderOpf(input: PackageInput): string {
  const doc = newXmlDocument();
  const pkg = doc
    .ele(NS.opf, 'package')
    .att('version', '3.0')
    .att('unique-identifier', IDENTIFIER_ID)
    .att(NS.xml, 'xml:lang', input.meta.language)
    .att('dir', textDirection(input.meta.language));
  renderMetadata(pkg, input);

  const manifest = pkg.ele('manifest');
  for (const item of input.manifest) {
    const element = manifest.ele('item').att('id', item.id).att('href', item.href).att('media-type', item.mediaType);
    if (item.properties) element.att('properties', item.properties);
  }

  const spine = pkg.ele('spine').att('toc', input.ncxId).att('page-progression-direction', textDirection(input.meta.language));
  for (const idref of input.spine) spine.ele('itemref').att('idref', idref);
  return serialize(doc);
}
