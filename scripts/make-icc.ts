/**
 * Writes templates/print/hanpress-cmyk.icc, the PDF/X output-intent profile (see
 * src/print/icc.ts). Run after changing how the profile is built: `npm run make:icc`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildProfile, PROFILE_FILE } from '../src/print/icc.js';

const bytes = buildProfile();
writeFileSync(PROFILE_FILE, bytes);
process.stdout.write(`wrote ${fileURLToPath(PROFILE_FILE)} (${bytes.length} bytes)\n`);
