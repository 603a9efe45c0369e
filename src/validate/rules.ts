/**
 * Cross-field rules JSON Schema cannot say. Each rule returns positioned diagnostics into
 * book.yaml.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { BookMetadata } from '../model/metadata.js';

type Rule = (meta: BookMetadata, source: YamlSource) => Diagnostic[];

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

const RULES: Rule[] = [editionDatesRule, primaryContributorRule];

export function crossFieldDiagnostics(meta: BookMetadata, source: YamlSource): Diagnostic[] {
  return RULES.flatMap((rule) => rule(meta, source));
}
