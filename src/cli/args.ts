/**
 * Parses one command's arguments against its option specs. Our own parser (not node:util's
 * parseArgs) so every mistake gets our message, with a suggestion, naming the command whose
 * --help lists the options.
 */
import { suggest } from '../diagnostics/suggest.js';
import { UsageError, type OptionSpec, type OptionValues } from './io.js';

export interface ParsedArgs {
  positionals: string[];
  values: OptionValues;
}

function unknownOption(written: string, options: Record<string, OptionSpec>, command: string | undefined): UsageError {
  const names = Object.entries(options).flatMap(([name, spec]) => [
    `--${name}`,
    ...(spec.negatable ? [`--no-${name}`] : []),
    ...(spec.short ? [`-${spec.short}`] : []),
  ]);
  const near = written.startsWith('--') ? suggest(written, names.filter((n) => n.startsWith('--'))) : undefined;
  const where = command ? ` for hanpress ${command}` : '';
  return new UsageError(`Unknown option ${written}${where}.${near ? ` Did you mean ${near}?` : ''}`, command);
}

function byShort(options: Record<string, OptionSpec>, letter: string): string | undefined {
  return Object.entries(options).find(([, spec]) => spec.short === letter)?.[0];
}

export function parseArguments(argv: string[], options: Record<string, OptionSpec>, command?: string): ParsedArgs {
  const positionals: string[] = [];
  const values: OptionValues = {};
  const takeValue = (name: string, written: string, inline: string | undefined, next: () => string | undefined): void => {
    const spec = options[name] as OptionSpec;
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`The option ${written} takes no value (got ${written}=${inline}).`, command);
      values[name] = true;
      return;
    }
    const value = inline ?? next();
    if (value === undefined || value === '') throw new UsageError(`The option ${written} needs a value: ${written} ${spec.value ?? '<value>'}.`, command);
    values[name] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = (): string | undefined => {
      const candidate = argv[i + 1];
      if (candidate === undefined || (candidate.startsWith('-') && candidate.length > 1)) return undefined;
      i++;
      return candidate;
    };
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [written, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const name = written.slice(2);
      if (options[name]) takeValue(name, written, inline, next);
      else if (name.startsWith('no-') && options[name.slice(3)]?.negatable && inline === undefined) values[name.slice(3)] = false;
      else throw unknownOption(written, options, command);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // -q, -o dist, -odist, and clusters of one-letter switches such as -qh.
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] as string;
        const name = byShort(options, letter);
        if (!name) throw unknownOption(`-${letter}`, options, command);
        const rest = arg.slice(j + 1);
        if ((options[name] as OptionSpec).type === 'string') {
          takeValue(name, `-${letter}`, rest === '' ? undefined : rest, next);
          break;
        }
        values[name] = true;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { positionals, values };
}
