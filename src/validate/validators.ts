/**
 * The compiled schema validators. A package runs the standalone code scripts/compile.js
 * generated from ajv-compile.ts at install time (no ajv compile at run time); src/ run by tsx
 * or vitest has no generated file and compiles the same schemas with the same keywords once.
 */
import { existsSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { BookMetadata } from '../model/metadata.js';
import type { DesignOverrides } from '../typeset/design.js';
import type { FrontMatter } from './book-schema.js';
import type { FontsFile } from './fonts-schema.js';

export interface Validators {
  book: ValidateFunction<BookMetadata>;
  frontMatter: ValidateFunction<FrontMatter>;
  design: ValidateFunction<DesignOverrides>;
  fonts: ValidateFunction<FontsFile>;
}

export const GENERATED_VALIDATORS = new URL('./validators.generated.js', import.meta.url);

async function loadValidators(): Promise<Validators> {
  // The generated module's exports are the functions ajv's standalone code defines.
  if (existsSync(GENERATED_VALIDATORS)) return (await import(GENERATED_VALIDATORS.href)) as Validators;
  return (await import('./ajv-compile.js')).compileValidators();
}

export const VALIDATORS = await loadValidators();
