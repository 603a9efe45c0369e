/**
 * Both cores: a worker thread beside the PDF (src/pipeline/beside-worker.ts) reads the same
 * project, runs the checks (lint, images, glyph coverage …), subsets the EPUB's fonts and, once
 * the PDF's pagination is known, makes and verifies the EPUB. Everything it answers is data: diagnostics, cache keys,
 * the EPUB's bytes.
 *
 * The build's thread stays in charge: an answer that does not come (the worker failed or could
 * not start), or that was made from other files than the build read (a chapter saved in
 * between), is worked out here instead, so the report and the files are what a build in one
 * thread makes, and an error is reported with its file and line, never as a worker's trace.
 */
import type { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedProject } from '../load/project.js';
import type { PrintPagination } from '../model/pagination.js';
import { createHash } from 'node:crypto';
import { stableJson } from './cache-key.js';
import type { ParsedBook } from './session.js';
import { startWorker } from './threads.js';

export interface BesideJob {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Read and write the project's cache (false: --no-cache). */
  cache: boolean;
  /** Make the EPUB too (false: the checks alone). */
  epub: boolean;
}

export interface BesideChecks {
  diagnostics: Diagnostic[];
  /** What the worker read (projectKey): the build's must be the same. */
  source: string;
}

/** What the EPUB needs from the PDF: its computed 印张 and its pagination. */
export interface EpubOrder {
  sheets?: number;
  pagination?: PrintPagination;
}

export interface BesideEpub {
  bytes: Uint8Array;
  /** verifyEpub's findings. */
  verified: Diagnostic[];
}

export type ToBeside =
  | { kind: 'epub'; order: EpubOrder }
  /** The book as the build's thread parsed it, from the text `source` names (projectKey); none when it did not parse. */
  | { kind: 'book'; source: string; parsed?: ParsedBook };

export type FromBeside =
  | ({ kind: 'checked' } & BesideChecks)
  | ({ kind: 'epub' } & BesideEpub)
  /** Cache entries the worker used (so the build's prune keeps them); its last message. */
  | { kind: 'keys'; keys: string[] };

/** The text a build reads: book.yaml, the design and every chapter. */
export function projectKey(project: LoadedProject): string {
  let key = projectKeys.get(project);
  if (key === undefined) projectKeys.set(project, (key = textKey(project)));
  return key;
}

/** Each project's key, made once: the build's thread asks twice (the parsed book, the checks). */
const projectKeys = new WeakMap<LoadedProject, string>();

function textKey(project: LoadedProject): string {
  // The texts go into the hash as they are, each after its length: a 2.5 MB book written out
  // as one JSON string first cost the build's thread as much again.
  const hash = createHash('sha256');
  const part = (text: string): void => void hash.update(`${Buffer.byteLength(text)}:`).update(text);
  part(project.metaSource.text);
  part(stableJson(project.design ?? null));
  for (const [file, source] of project.markdown) {
    part(file);
    part(source.text);
  }
  return hash.digest('hex');
}

/** One answer of the worker: resolved with the message, or undefined if the worker ends first. */
class Answer<T> {
  value?: T;
  readonly promise: Promise<T | undefined>;
  settle!: (value: T | undefined) => void;
  constructor() {
    this.promise = new Promise((resolve) => (this.settle = resolve));
  }
}

export class Beside {
  private readonly worker?: Worker;
  private readonly checked = new Answer<BesideChecks>();
  private readonly epubDone = new Answer<BesideEpub>();
  private readonly ended = new Answer<string[]>();
  readonly makesEpub: boolean;
  private keys: string[] = [];
  private ordered = false;

  constructor(job: BesideJob) {
    this.makesEpub = job.epub;
    try {
      this.worker = startWorker('beside-worker', job);
    } catch {
      this.end();
      return;
    }
    this.worker.on('message', (message: FromBeside) => this.hear(message));
    // A failure in the worker costs time, not the build: what it owed is made here.
    this.worker.on('error', () => {});
    this.worker.on('exit', () => this.end());
  }

  private hear(message: FromBeside): void {
    if (message.kind === 'checked') this.checked.settle({ diagnostics: message.diagnostics, source: message.source });
    else if (message.kind === 'epub') this.epubDone.settle({ bytes: message.bytes, verified: message.verified });
    else {
      // Its last message, sent once its entries are written: the build need not wait for the
      // thread to wind down (its heap freed) before pruning.
      this.keys = message.keys;
      this.ended.settle(message.keys);
    }
  }

  private end(): void {
    this.checked.settle(undefined);
    this.epubDone.settle(undefined);
    this.ended.settle(this.keys);
  }

  private send(message: ToBeside): void {
    this.worker?.postMessage(message);
  }

  /** The checks' diagnostics, made from the same text as the build read; undefined: check here. */
  async checks(project: LoadedProject): Promise<Diagnostic[] | undefined> {
    const checked = await this.checked.promise;
    return checked && checked.source === projectKey(project) ? checked.diagnostics : undefined;
  }

  /**
   * The book this thread parsed (undefined: it did not), which the worker takes instead of
   * parsing the same text again: sent as soon as it is made, while the worker loads its modules.
   * The worker waits for this message, so it is sent whatever became of the parse (without a
   * project: a key no reading matches, and the worker parses for itself).
   */
  parsed(project: LoadedProject | undefined, parsed: ParsedBook | undefined): void {
    this.send({ kind: 'book', source: project ? projectKey(project) : '', ...(parsed ? { parsed } : {}) });
  }

  /** The EPUB made and verified in the worker; undefined: make it here. */
  epub(order: EpubOrder): Promise<BesideEpub | undefined> {
    this.ordered = true;
    this.send({ kind: 'epub', order });
    return this.epubDone.promise;
  }

  /**
   * Resolves with the cache entries the worker used, once it has written them (or ended): after
   * its last piece of work it writes its entries, says which, and ends by itself; a build that
   * stopped early stops it.
   */
  async close(): Promise<string[]> {
    // Without an EPUB to make, the worker ends after the checks; with one, once it has it.
    if (this.worker && this.makesEpub && !this.ordered) await this.worker.terminate();
    return (await this.ended.promise) ?? this.keys;
  }
}
