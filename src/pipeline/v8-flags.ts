/**
 * WebAssembly (harfbuzz, which subsets the EPUB's fonts) is compiled by the baseline compiler
 * only: V8 also compiled it again with its optimising compiler in a background thread, about
 * 0.3 s of CPU a build on the core the build's thread needs, and the subsetting took as long
 * either way (docs/build.md, "Every thread's CPU").
 */
const WASM_FLAGS = ['--liftoff-only'];

/**
 * V8 settings for hanpress's processes. V8's optimising compiler works in background threads:
 * on a cold build of a long novel it used about 2.3 s of CPU of the 8–10 s all threads use, on
 * the core the worker beside the PDF needs. Optimising a function later (after about eight
 * times the default profiler budget) and inlining less into each cost about a fifth less CPU for
 * the whole build, and change nothing a build computes (docs/build.md, "Both cores"). The CLI
 * sets them before any other of hanpress's code loads (bin/hanpress.js); worker threads share
 * them; a process forked for one book of a backlist starts with them (fork.ts).
 */
export const V8_FLAGS: readonly string[] = ['--interrupt-budget=528000', '--max-inlined-bytecode-size-cumulative=230', ...WASM_FLAGS];
