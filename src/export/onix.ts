/**
 * `hanpress export onix`: one ONIX for Books 3.0 product record (reference tags) for the
 * print book, from book.yaml alone. Built with xmlbuilder2 like every other XML we write, so
 * text is always escaped. No clock: SentDateTime comes from SOURCE_DATE_EPOCH or the edition
 * date, so the same book gives the same bytes.
 *
 * Code-list values used (EDItEUR ONIX code lists):
 *   List 1   NotificationType      03 notification confirmed on publication
 *   List 2   ProductComposition    00 single-component retail product
 *   List 5   ProductIDType         15 ISBN-13
 *   List 150 ProductForm           BC paperback / softback
 *   List 48  MeasureType           01 height, 02 width; List 50 unit mm
 *   List 148 CollectionType        10 publisher collection
 *   List 15  TitleType             01 distinctive title; List 149 level 01 product, 02 collection
 *   List 17  ContributorRole       from src/metadata/roles.ts
 *   List 22  LanguageRole          01 language of text; List 74 ISO 639-2/B codes
 *   List 23  ExtentType            06 production page count (all printed pages: 印张 × 开数;
 *                                  left out when book.yaml leaves 印张 to the build)
 *   List 24  ExtentUnit            03 pages
 *   List 27  SubjectSchemeIdentifier 88 Chinese Library Classification, 20 keywords
 *   List 45  PublishingRole        01 publisher
 *   List 64  PublishingStatus      04 active
 *   List 163 PublishingDateRole    01 publication date, 12 last reprint date; List 55 01 YYYYMM
 *   List 51  ProductRelationCode   06 alternative format, 27 electronic version available as
 *   List 93  SupplierRole          01 publisher to retailers
 *   List 65  ProductAvailability   20 available
 *   List 58  PriceType             02 RRP including tax (Chinese cover prices include VAT)
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { BuildSession } from '../pipeline/session.js';
import { resolveBuildDate } from '../pipeline/context.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/diagnostic.js';
import { roleMapping } from '../metadata/roles.js';
import type { BookMetadata } from '../model/metadata.js';
import { loadFormats, trimmedSize } from '../typeset/geometry.js';

export const ONIX_NS = 'http://ns.editeur.org/onix/3.0/reference';

/** ISO 639-2/B (ONIX list 74) for the BCP 47 primary language subtags a Chinese press meets. */
const ONIX_LANGUAGES: Readonly<Record<string, string>> = {
  zh: 'chi',
  en: 'eng',
  ja: 'jpn',
  ko: 'kor',
  fr: 'fre',
  de: 'ger',
  ru: 'rus',
  es: 'spa',
  bo: 'tib',
  mn: 'mon',
  ug: 'uig',
  za: 'zha',
  ii: 'iii',
  kk: 'kaz',
};

export interface OnixInput {
  meta: BookMetadata;
  /** Trimmed page size in millimetres, width × height. */
  trim: [number, number];
  sentAt: Date;
}

export interface OnixExport {
  xml: string;
  /** Warnings from checking the book (errors stop the export). */
  diagnostics: Diagnostic[];
}

export function isbnDigits(isbn: string): string {
  return isbn.replace(/\D/g, '');
}

/** YYYYMMDDThhmmZ, the ONIX 3.0 SentDateTime form with a UTC time. */
export function sentDateTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}Z`
  );
}

/** book.yaml's YYYY-MM → ONIX date format 01 (YYYYMM). */
function yearMonth(date: string): string {
  return date.replace('-', '');
}

export function onixLanguage(language: string): string {
  const primary = language.split('-')[0]?.toLowerCase() ?? '';
  const code = ONIX_LANGUAGES[primary];
  if (code) return code;
  throw new BuildFailure([
    {
      code: 'onix/language',
      severity: 'error',
      message: `No ONIX language code is known for the language ${language}.`,
      file: 'book.yaml',
      hint: `Use one of ${Object.keys(ONIX_LANGUAGES).join(', ')} as the primary language subtag.`,
    },
  ]);
}

/** Subject chains (工会工作—体制改革—中国—2015-2017) as ONIX keywords, each term once. */
function keywords(subjects: string[]): string[] {
  const terms = subjects.flatMap((s) => s.split(/—+/)).map((t) => t.trim()).filter((t) => t.length > 0);
  return [...new Set(terms)];
}

/** 印张 × 开数: every printed page, blanks included (undefined when 印张 is left to the build). */
export function printedPages(meta: BookMetadata): number | undefined {
  const { sheets, fold } = meta.print;
  return sheets === undefined ? undefined : Math.round(sheets * fold);
}

function subtitle(meta: BookMetadata): string | undefined {
  const { partName, otherInfo } = meta.title;
  const text = `${partName ?? ''}${otherInfo ? `（${otherInfo}）` : ''}`;
  return text.length > 0 ? text : undefined;
}

function text(parent: XMLBuilder, name: string, value: string | number): XMLBuilder {
  return parent.ele(name).txt(String(value));
}

function addHeader(message: XMLBuilder, meta: BookMetadata, sentAt: Date): void {
  const header = message.ele('Header');
  text(header.ele('Sender'), 'SenderName', meta.publisher.name);
  text(header, 'SentDateTime', sentDateTime(sentAt));
  text(header, 'DefaultLanguageOfText', onixLanguage(meta.language));
}

function addIsbn(parent: XMLBuilder, isbn: string): void {
  const id = parent.ele('ProductIdentifier');
  text(id, 'ProductIDType', '15');
  text(id, 'IDValue', isbnDigits(isbn));
}

function addMeasure(detail: XMLBuilder, type: string, millimetres: number): void {
  const measure = detail.ele('Measure');
  text(measure, 'MeasureType', type);
  text(measure, 'Measurement', millimetres);
  text(measure, 'MeasureUnitCode', 'mm');
}

function addTitleElement(
  titleDetail: XMLBuilder,
  level: '01' | '02',
  title: { text: string; partNumber?: string; subtitle?: string },
): void {
  const element = titleDetail.ele('TitleElement');
  text(element, 'TitleElementLevel', level);
  if (title.partNumber) text(element, 'PartNumber', title.partNumber);
  text(element, 'TitleText', title.text);
  if (title.subtitle) text(element, 'Subtitle', title.subtitle);
}

function addDescriptiveDetail(product: XMLBuilder, meta: BookMetadata, trim: [number, number]): void {
  const detail = product.ele('DescriptiveDetail');
  text(detail, 'ProductComposition', '00');
  text(detail, 'ProductForm', 'BC');
  const [width, height] = trim;
  addMeasure(detail, '01', height);
  addMeasure(detail, '02', width);

  if (meta.series) {
    const collection = detail.ele('Collection');
    text(collection, 'CollectionType', '10');
    const titleDetail = collection.ele('TitleDetail');
    text(titleDetail, 'TitleType', '01');
    addTitleElement(titleDetail, '02', { text: meta.series.title, partNumber: meta.series.number });
  }

  const titleDetail = detail.ele('TitleDetail');
  text(titleDetail, 'TitleType', '01');
  addTitleElement(titleDetail, '01', {
    text: meta.title.main,
    partNumber: meta.title.partNumber,
    subtitle: subtitle(meta),
  });

  meta.contributors.forEach((contributor, i) => {
    const element = detail.ele('Contributor');
    text(element, 'SequenceNumber', i + 1);
    text(element, 'ContributorRole', roleMapping(contributor.role).onix);
    text(element, 'PersonName', contributor.name);
  });

  text(detail, 'EditionNumber', meta.edition.number);

  const language = detail.ele('Language');
  text(language, 'LanguageRole', '01');
  text(language, 'LanguageCode', onixLanguage(meta.language));

  const pages = printedPages(meta);
  if (pages !== undefined) {
    const extent = detail.ele('Extent');
    text(extent, 'ExtentType', '06');
    text(extent, 'ExtentValue', pages);
    text(extent, 'ExtentUnit', '03');
  }

  meta.cip.clc.forEach((code, i) => {
    const subject = detail.ele('Subject');
    if (i === 0) subject.ele('MainSubject');
    text(subject, 'SubjectSchemeIdentifier', '88');
    text(subject, 'SubjectCode', code);
  });
  const terms = keywords(meta.cip.subjects);
  if (terms.length > 0) {
    const subject = detail.ele('Subject');
    text(subject, 'SubjectSchemeIdentifier', '20');
    text(subject, 'SubjectHeadingText', terms.join('; '));
  }
}

function addPublishingDetail(product: XMLBuilder, meta: BookMetadata): void {
  const detail = product.ele('PublishingDetail');
  text(detail.ele('Imprint'), 'ImprintName', meta.publisher.name);
  const publisher = detail.ele('Publisher');
  text(publisher, 'PublishingRole', '01');
  text(publisher, 'PublisherName', meta.publisher.name);
  text(detail, 'CityOfPublication', meta.publisher.place);
  text(detail, 'CountryOfPublication', 'CN');
  text(detail, 'PublishingStatus', '04');
  const published = detail.ele('PublishingDate');
  text(published, 'PublishingDateRole', '01');
  published.ele('Date').att('dateformat', '01').txt(yearMonth(meta.edition.date));
  if (meta.edition.printing > 1) {
    const reprinted = detail.ele('PublishingDate');
    text(reprinted, 'PublishingDateRole', '12');
    reprinted.ele('Date').att('dateformat', '01').txt(yearMonth(meta.edition.printingDate));
  }
}

function addRelatedMaterial(product: XMLBuilder, meta: BookMetadata): void {
  if (!meta.ebookIsbn) return;
  const related = product.ele('RelatedMaterial').ele('RelatedProduct');
  text(related, 'ProductRelationCode', '06');
  text(related, 'ProductRelationCode', '27');
  addIsbn(related, meta.ebookIsbn);
}

function addProductSupply(product: XMLBuilder, meta: BookMetadata): void {
  const supply = product.ele('ProductSupply');
  text(supply.ele('Market').ele('Territory'), 'CountriesIncluded', 'CN');
  const detail = supply.ele('SupplyDetail');
  const supplier = detail.ele('Supplier');
  text(supplier, 'SupplierRole', '01');
  text(supplier, 'SupplierName', meta.publisher.name);
  text(detail, 'ProductAvailability', '20');
  const price = detail.ele('Price');
  text(price, 'PriceType', '02');
  text(price, 'PriceAmount', meta.price);
  text(price, 'CurrencyCode', 'CNY');
}

/** The ONIX message as UTF-8 text, ending in a newline. */
export function renderOnix({ meta, trim, sentAt }: OnixInput): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const message = doc.ele(ONIX_NS, 'ONIXMessage').att('release', '3.0');
  addHeader(message, meta, sentAt);
  const product = message.ele('Product');
  text(product, 'RecordReference', isbnDigits(meta.isbn));
  text(product, 'NotificationType', '03');
  addIsbn(product, meta.isbn);
  addDescriptiveDetail(product, meta, trim);
  addPublishingDetail(product, meta);
  addRelatedMaterial(product, meta);
  addProductSupply(product, meta);
  return `${doc.end({ prettyPrint: true, indent: '  ' })}\n`;
}

const NO_EXTENT: Diagnostic = {
  code: 'onix/no-extent',
  severity: 'warning',
  message: 'The ONIX record has no page count: book.yaml leaves 印张 (`print.sheets`) to the build.',
  file: 'book.yaml',
  hint: 'Write `sheets` under `print` (hanpress build reports the value for the PDF) to include the Extent.',
};

/**
 * Checks book.yaml and the design (the record needs nothing else: the chapters are neither
 * read nor linted) and renders the record; throws on any error.
 */
export async function exportOnix(dir: string, env: NodeJS.ProcessEnv): Promise<OnixExport> {
  const { meta, diagnostics } = await new BuildSession({ dir, env }).metadata();
  if (!meta || diagnostics.some((d) => d.severity === 'error')) throw new BuildFailure(diagnostics);
  const trim = trimmedSize(meta.print, await loadFormats());
  const sentAt = resolveBuildDate(env, meta.edition.date);
  const warnings = printedPages(meta) === undefined ? [NO_EXTENT] : [];
  return { xml: renderOnix({ meta, trim, sentAt }), diagnostics: [...diagnostics, ...warnings] };
}
