/** Every command of the CLI, in the order --help lists them. */
import type { Command } from '../io.js';
import { buildCommand } from './build.js';
import { checkCommand } from './check.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { preflightCommand } from './preflight.js';
import { proofCommand } from './proof.js';

export const COMMANDS: Command[] = [initCommand, buildCommand, checkCommand, lintCommand, exportCommand, importCommand, proofCommand, preflightCommand];
