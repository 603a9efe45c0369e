/**
 * Problems of hanpress's installation rather than of a book: a library that will not load
 * (node_modules older than package.json, an interrupted install) and, in a checkout, lib/
 * compiled before the last change to src/. Each becomes one line saying what to run, never
 * Node's ERR_MODULE_NOT_FOUND and its stack. No imports beyond node: this module must load
 * when nothing else does.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Exit code when hanpress cannot run at all (as for internal/bug: EX_SOFTWARE). */
export const INSTALL_EXIT_CODE = 70;

/** The package folder: this file is lib/cli/install.js (src/cli/install.ts under tsx). */
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What to run to repair the install that holds `root`. */
export function repairCommand(root = PACKAGE_ROOT): string {
  const parent = path.dirname(path.resolve(root));
  if (path.basename(parent) !== 'node_modules') return `run npm install in ${root.replace(/[\\/]$/, '')}`;
  const project = path.dirname(parent);
  // A global install lives in <prefix>/lib/node_modules, beside no package.json of a project.
  if (!existsSync(path.join(project, 'package.json'))) return 'reinstall it: npm install -g hanpress';
  return `run npm install in ${project}`;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}

/** The package or file a failed import named, from Node's message (ESM or require). */
function missingName(message: string): string | undefined {
  return /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
}

/** One line for a failed load of a library or of lib/ itself; undefined for anything else. */
export function explainInstallProblem(error: unknown, root = PACKAGE_ROOT): string | undefined {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : '';
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    const name = missingName(message) ?? 'a module';
    const ours = path.isAbsolute(name) || name.startsWith('file:');
    const what = ours ? `its own file ${path.relative(root, name.startsWith('file:') ? fileURLToPath(name) : name)}` : `the package ${name}`;
    return `cannot load ${what}: the install is incomplete or older than package.json; ${repairCommand(root)}`;
  }
  // A package of another version than package.json asks for lacks an export we import.
  const export_ = /The requested module '([^'.][^']*)' does not provide an export named '([^']+)'/.exec(message);
  if (error instanceof SyntaxError && export_) {
    return `the installed package ${export_[1]} is not the version hanpress needs (no export ${export_[2]}); ${repairCommand(root)}`;
  }
  return undefined;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * In a checkout (src/ beside lib/), lib/ compiled before the last edit of src/ would run old
 * code without a word: say so. An installed package ships no src/, so this costs it nothing.
 */
export function staleCompile(root = PACKAGE_ROOT): string | undefined {
  const src = path.join(root, 'src');
  if (!existsSync(src)) return undefined;
  const stamp = path.join(root, 'lib', '.compiled');
  const compiled = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (newestMtime(src) <= compiled) return undefined;
  return `lib/ is older than src/ (compiled before the last change); run npm run compile in ${root.replace(/[\\/]$/, '')}`;
}
