/**
 * 中图法 (Chinese Library Classification) class numbers as CIP data prints them:
 * D412.6, TP311.132.3, K103-49, I247.55.
 */

/** Main classes A–K, N–V, X, Z; T only with its two-letter subclasses. */
const CLASS = '(?:[A-KN-SUVXZ]|T[BDEFGHJKLMNPQSUV])';
const NUMBER = '\\d+(?:\\.\\d+)*';
const CLC = new RegExp(`^${CLASS}${NUMBER}(?:-${NUMBER})?(?:=${NUMBER})?(?:\\(${NUMBER}\\))?$`);

export type ClcProblem = { hint: string };

const MAIN_NUMBER = new RegExp(`^(${CLASS})(${NUMBER})(.*)$`);

/**
 * The class number with its dots where 中图法 puts them: after every third digit of the main
 * number (D412.6, TP311.132.3). `D4126` and `D41.26` both become `D412.6`; subdivisions after
 * `-`, `=` or `(` are left as written. Undefined when the value has no main number.
 */
export function dottedClc(value: string): string | undefined {
  const m = MAIN_NUMBER.exec(value);
  if (!m) return undefined;
  const digits = (m[2] ?? '').replace(/\./g, '');
  const groups = digits.match(/\d{1,3}/g) ?? [];
  return `${m[1]}${groups.join('.')}${m[3] ?? ''}`;
}

export function checkClc(value: string): ClcProblem | undefined {
  if (CLC.test(value)) {
    const dotted = dottedClc(value);
    if (dotted === undefined || dotted === value) return undefined;
    return { hint: `中图法 puts a dot after every third digit of the class number: write ${dotted}.` };
  }
  if (/^1/.test(value)) return { hint: `CLC numbers start with a class letter: did OCR turn I into 1? Write I${value.slice(1)}.` };
  if (/^0/.test(value)) return { hint: `CLC numbers start with a class letter: did OCR turn O into 0? Write O${value.slice(1)}.` };
  if (/^T(?![BDEFGHJKLMNPQSUV])/.test(value)) {
    return { hint: 'Class T is always written with its subclass letter: TB, TD … TP, TQ, TS, TU, TV (e.g. TP311.132.3).' };
  }
  if (/^[LMWY]/.test(value)) return { hint: `${value[0]} is not a class of 中图法; classes are A–K, N–V, X and Z.` };
  if (/\s/.test(value)) return { hint: `Write the class number without spaces: ${value.replace(/\s+/g, '')}.` };
  return { hint: 'Write a class letter and numbers as the CIP data prints them, e.g. D412.6, TP311.132.3 or K103-49.' };
}
