/**
 * Help texts: the list of commands (`hanpress --help`) and one command's help
 * (`hanpress build --help`, `hanpress help build`), made from the same specs the parser uses,
 * so every option is listed with its short form.
 */
import type { Command, CommandSummary, OptionSpec } from './io.js';

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show help (hanpress help <command> for one command)' },
  version: { type: 'boolean', short: 'v', description: 'print the version of hanpress' },
  debug: { type: 'boolean', description: 'with an internal/bug report, print the stack trace too' },
};

const DISCOVERY = [
  'Without [dir], hanpress uses the book project (the folder with book.yaml) that holds the',
  'current folder, as git finds its repository.',
].join('\n');

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : '';
  const negation = spec.negatable ? `, --no-${name}` : '';
  return `${short}--${name}${value}${negation}`;
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => [optionLabel(name, spec), spec.description] as const);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, description]) => `  ${label.padEnd(width)}${description}`);
}

export function globalHelp(commands: CommandSummary[]): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.args}`.length)) + 2;
  return [
    'hanpress: a validated EPUB 3 and a print-ready PDF from a Chinese book project',
    '',
    'Usage: hanpress <command> [arguments] [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${`${c.name} ${c.args}`.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    DISCOVERY,
    'Run hanpress help <command> (or hanpress <command> --help) for its options.',
    'New here? hanpress init mybook, then hanpress build mybook.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [
    `Usage: hanpress ${command.name} ${command.args} [options]`.replace(/ {2,}/g, ' '),
    '',
    command.summary.charAt(0).toUpperCase() + command.summary.slice(1) + '.',
    ...(command.details ? ['', command.details] : []),
    '',
    'Options:',
    ...optionLines({ ...command.options, help: { type: 'boolean', short: 'h', description: 'show this help' } }),
  ].join('\n');
}
