/**
 * A tee for src/writers/xml-builder.ts: every call a writer makes goes to our builder and to
 * xmlbuilder2 (which the writers used before), and each finished document is kept as the pair
 * of serialisations, so a test can compare the bytes of every document a real build makes.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { XmlDocument, XmlElement } from '../../src/writers/xml-builder.js';

export interface Pair {
  ours: string;
  theirs: string;
}

/** Every document ended through a tee since the last `takePairs()`. */
const pairs: Pair[] = [];

export function takePairs(): Pair[] {
  return pairs.splice(0, pairs.length);
}

type Ele = (first: string | null, second?: string) => TeeElement;

export class TeeElement {
  constructor(
    readonly ours: XmlElement,
    readonly theirs: XMLBuilder,
    readonly parent: TeeElement | TeeDocument,
  ) {}

  ele: Ele = (first, second) => {
    if (second === undefined) return new TeeElement(this.ours.ele(first ?? ''), this.theirs.ele(first ?? ''), this);
    return new TeeElement(this.ours.ele(first, second), this.theirs.ele(first, second), this);
  };

  att(first: string | null, second: string, third?: string): this {
    if (third === undefined) {
      this.ours.att(first ?? '', second);
      this.theirs.att(first ?? '', second);
    } else {
      this.ours.att(first, second, third);
      this.theirs.att(first, second, third);
    }
    return this;
  }

  txt(text: string): this {
    this.ours.txt(text);
    this.theirs.txt(text);
    return this;
  }

  up(): TeeElement | TeeDocument {
    return this.parent;
  }
}

export class TeeDocument {
  constructor(
    readonly ours: XmlDocument,
    readonly theirs: XMLBuilder,
  ) {}

  ele: Ele = (first, second) => {
    if (second === undefined) return new TeeElement(this.ours.ele(first ?? ''), this.theirs.ele(first ?? ''), this);
    return new TeeElement(this.ours.ele(first, second), this.theirs.ele(first, second), this);
  };

  dtd(): this {
    this.ours.dtd();
    // A name the root does not have: xmlbuilder2 renames the DOCTYPE after the root, as ours does.
    this.theirs.dtd({ name: 'placeholder' });
    return this;
  }

  end(options: { headless?: boolean } = {}): string {
    const ours = this.ours.end(options);
    pairs.push({ ours, theirs: this.theirs.end({ prettyPrint: false, headless: options.headless ?? false }) });
    return ours;
  }
}

/** Stands in for `xmlDocument` (the writers' only way to start a document). */
export function teeDocument(ours: XmlDocument, options: { encoding?: 'UTF-8' } = {}): XmlDocument {
  const theirs = options.encoding ? create({ version: '1.0', encoding: options.encoding }) : create();
  return new TeeDocument(ours, theirs) as unknown as XmlDocument;
}
