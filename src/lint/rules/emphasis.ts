/**
 * literal-emphasis: a `**` or `__` that the Markdown parser left in the text, because no
 * delimiter on the other side could close it (`**加粗 **`, `__“加粗”__` — underscores never
 * open next to Chinese, even with the CJK-friendly rules). It would print as two asterisks
 * in the book. The parser itself decides: a recording rule notes where each `*`/`_` delimiter
 * run starts, and after emphasis has been matched the runs still left as text are reported
 * at their place in the file. Never fixed: whether bold was meant, and where it ends, is the
 * author's to say.
 */
import type { MarkdownIt, StateInline } from 'markdown-it';
import { createMarkdownParser } from '../../markdown/parser.js';
import { MARKUP, MASK } from '../chars.js';
import type { Finding } from '../finding.js';
import { maskMarkupOnly } from '../mask.js';
import type { ProseBlock } from '../prose.js';

interface Recorded {
  state: StateInline;
  /** Index the delimiter's first text token will have in state.tokens. */
  token: number;
  pos: number;
}

interface Env {
  src: string;
  recorded: Recorded[];
  literal: number[];
}

const STAR = 0x2a;
const UNDERSCORE = 0x5f;

/** The recorder rides in markdown-it's env; other parses (without it) are left alone. */
function envOf(state: StateInline): Env | undefined {
  const recorder = (state.env as { recorder?: Env } | undefined)?.recorder;
  return recorder && Array.isArray(recorder.recorded) ? recorder : undefined;
}

function recordDelimiters(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'hanpress_record_delimiters', (state, silent) => {
    const marker = state.src.charCodeAt(state.pos);
    const env = envOf(state);
    if (silent || (marker !== STAR && marker !== UNDERSCORE) || !env) return false;
    // Only top-level text: image descriptions are parsed as a string of their own.
    if (state.src !== env.src) return false;
    // state.push flushes pending text into a token of its own first.
    env.recorded.push({ state, token: state.tokens.length + (state.pending ? 1 : 0), pos: state.pos });
    return false;
  });
  md.inline.ruler2.before('fragments_join', 'hanpress_literal_delimiters', (state) => {
    const env = envOf(state);
    if (!env) return false;
    for (const r of env.recorded) {
      if (r.state !== state) continue;
      const marker = state.src[r.pos] ?? '';
      for (let k = 0; state.src[r.pos + k] === marker; k++) {
        const token = state.tokens[r.token + k];
        if (token?.type === 'text' && token.content === marker) env.literal.push(r.pos + k);
      }
    }
    return false;
  });
}

const parser = createMarkdownParser().use(recordDelimiters);

/** Offsets (in `src`) of `*` and `_` characters the parser leaves as text. */
function literalDelimiters(src: string): number[] {
  const env: Env = { src, recorded: [], literal: [] };
  parser.parseInline(src, { recorder: env });
  return [...new Set(env.literal)].sort((a, b) => a - b);
}

/** Pieces of the block to parse as inline text, with their offsets: cells of a row apart. */
function inlinePieces(block: ProseBlock, masked: string): { from: number; text: string }[] {
  // Container markup (>, list markers, #) becomes spaces, so offsets stay those of the file.
  let plain = '';
  for (let i = 0; i < block.source.length; i++) plain += masked[i] === MARKUP ? ' ' : block.source[i];
  if (block.kind !== 'cell') return [{ from: 0, text: plain }];
  const pieces: { from: number; text: string }[] = [];
  let from = 0;
  for (let i = 0; i <= plain.length; i++) {
    const bar = plain[i] === '|' && plain[i - 1] !== '\\' && masked[i] !== MASK;
    if (i === plain.length || bar) {
      pieces.push({ from, text: plain.slice(from, i) });
      from = i + 1;
    }
  }
  return pieces;
}

/** Runs of two or more adjacent literal delimiter characters of the same kind. */
function runs(src: string, offsets: number[]): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  for (let k = 0; k < offsets.length; ) {
    const at = offsets[k] as number;
    let n = 1;
    while (offsets[k + n] === at + n && src[at + n] === src[at]) n++;
    if (n >= 2) out.push({ at, text: src.slice(at, at + n) });
    k += n;
  }
  return out;
}

export function literalEmphasis(blocks: ProseBlock[]): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    if (!block.source.includes('**') && !block.source.includes('__')) continue;
    const masked = maskMarkupOnly(block.source);
    for (const piece of inlinePieces(block, masked)) {
      for (const run of runs(piece.text, literalDelimiters(piece.text))) {
        const i = piece.from + run.at;
        if (masked[i] === MASK) continue;
        findings.push({
          rule: 'literal-emphasis',
          offset: block.start + i,
          message: `\`${run.text}\` is left in the text: the Markdown parser found no pair for it, so the book would print it.`,
          hint:
            run.text[0] === '_'
              ? `Write ${'*'.repeat(run.text.length)} instead of ${run.text} (underscores do not work next to Chinese), or escape it as ${run.text.replace(/_/g, '\\_')}.`
              : `Close the emphasis with a matching ${run.text} (no space just inside it), or escape it as ${run.text.replace(/\*/g, '\\*')} if the asterisks are meant.`,
        });
      }
    }
  }
  return findings;
}
