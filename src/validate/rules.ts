/**
 * Cross-field rules JSON Schema cannot say. Each rule returns positioned diagnostics into
 * book.yaml.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import { checkCipNumber } from '../metadata/cip-number.js';
import type { BookMetadata } from '../model/metadata.js';

export interface RuleContext {
  /** Today, for "not in the future" (the CLI passes the clock; tests a fixed date). */
  now: Date;
}

type Rule = (meta: BookMetadata, source: YamlSource, cx: RuleContext) => Diagnostic[];

function at(source: YamlSource, path: (string | number)[], d: Omit<Diagnostic, 'file' | 'severity'>): Diagnostic {
  return { severity: 'error', file: source.file, ...source.positionOf(path), ...d };
}

const editionDatesRule: Rule = (meta, source) => {
  const out: Diagnostic[] = [];
  if (meta.edition.date < meta.cip.publicationDate) {
    out.push(at(source, ['edition', 'date'], {
      code: 'edition/before-cip',
      message: `The edition date ${meta.edition.date} is before the CIP publication date ${meta.cip.publicationDate}.`,
      hint: 'The 版次 date cannot precede the publication date in the CIP data; correct one of them.',
    }));
  }
  if (meta.edition.printingDate < meta.edition.date) {
    out.push(at(source, ['edition', 'printingDate'], {
      code: 'edition/printing-before-edition',
      message: `The printing date ${meta.edition.printingDate} is before the edition date ${meta.edition.date}.`,
      hint: 'A printing (印次) cannot come before its edition (版次).',
    }));
  }
  return out;
};

const primaryContributorRule: Rule = (meta, source) =>
  meta.contributors.some((c) => c.primary)
    ? []
    : [at(source, ['contributors'], {
        code: 'contributors/no-primary',
        message: 'No contributor is marked `primary: true`.',
        hint: 'Mark the names of the statement of responsibility (e.g. the 主编) with `primary: true`.',
      })];

const cipNumberRule: Rule = (meta, source) => {
  const problem = checkCipNumber(meta.cip.number, meta.cip.profile);
  if (!problem) return [];
  return [at(source, ['cip', 'number'], {
    code: 'cip/number',
    message: `The CIP 核字 line does not have the form of CIP profile ${meta.cip.profile}.`,
    hint: problem.hint,
  })];
};

const ebookIsbnRule: Rule = (meta, source) =>
  meta.ebookIsbn && meta.ebookIsbn.replace(/-/g, '') === meta.isbn.replace(/-/g, '')
    ? [at(source, ['ebookIsbn'], {
        code: 'isbn/ebook-same-as-print',
        message: 'The e-book ISBN is the same as the print ISBN.',
        hint: 'Each format carries its own ISBN: write the e-book’s, or remove `ebookIsbn`.',
      })]
    : [];

function yearMonthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

const futureDatesRule: Rule = (meta, source, cx) => {
  const today = yearMonthOf(cx.now);
  const dates: [(string | number)[], string, string][] = [
    [['cip', 'publicationDate'], meta.cip.publicationDate, 'CIP publication date'],
    [['edition', 'date'], meta.edition.date, 'edition date (版次)'],
    [['edition', 'printingDate'], meta.edition.printingDate, 'printing date (印次)'],
  ];
  return dates
    .filter(([, value]) => value > today)
    .map(([path, value, name]) =>
      at(source, path, {
        code: 'date/future',
        message: `The ${name} ${value} is in the future (today is ${today}).`,
        hint: 'Write the month the book is actually published or printed; check the year for a typing slip.',
      }),
    );
};

const RULES: Rule[] = [editionDatesRule, primaryContributorRule, cipNumberRule, ebookIsbnRule, futureDatesRule];

export function crossFieldDiagnostics(meta: BookMetadata, source: YamlSource, cx: RuleContext): Diagnostic[] {
  return RULES.flatMap((rule) => rule(meta, source, cx));
}
