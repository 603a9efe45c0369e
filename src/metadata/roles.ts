/**
 * The closed list of contributor roles as Chinese title pages print them, mapped to MARC
 * relator codes (EPUB `role` refines) and ONIX 3.0 code list 17 (contributor role).
 */
export interface RoleMapping {
  marc: string;
  onix: string;
  /** English gloss for documentation and ONIX readers. */
  gloss: string;
}

export const ROLES: Readonly<Record<string, RoleMapping>> = {
  著: { marc: 'aut', onix: 'A01', gloss: 'author' },
  编著: { marc: 'aut', onix: 'A01', gloss: 'author and compiler' },
  主编: { marc: 'edt', onix: 'B11', gloss: 'editor-in-chief' },
  副主编: { marc: 'edt', onix: 'B19', gloss: 'associate editor' },
  执行主编: { marc: 'edt', onix: 'B16', gloss: 'managing editor' },
  执行副主编: { marc: 'edt', onix: 'B19', gloss: 'executive associate editor' },
  编: { marc: 'edt', onix: 'B01', gloss: 'editor' },
  编辑: { marc: 'edt', onix: 'B14', gloss: 'editorial board member' },
  编委: { marc: 'edt', onix: 'B14', gloss: 'editorial board member' },
  整理: { marc: 'edt', onix: 'B01', gloss: 'editor of a text' },
  选编: { marc: 'com', onix: 'C02', gloss: 'selected by' },
  汇编: { marc: 'com', onix: 'C01', gloss: 'compiled by' },
  译: { marc: 'trl', onix: 'B06', gloss: 'translator' },
  编译: { marc: 'trl', onix: 'B10', gloss: 'edited and translated by' },
  改编: { marc: 'adp', onix: 'B05', gloss: 'adapted by' },
  注: { marc: 'ann', onix: 'A20', gloss: 'notes by' },
  评注: { marc: 'ann', onix: 'A21', gloss: 'commentary by' },
  绘: { marc: 'ill', onix: 'A12', gloss: 'illustrator' },
  摄影: { marc: 'pht', onix: 'A13', gloss: 'photographer' },
};

export const ROLE_NAMES = Object.keys(ROLES);

export function roleMapping(role: string): RoleMapping {
  // The schema admits only listed roles, so a miss means a caller skipped validation.
  const mapping = ROLES[role];
  if (!mapping) throw new Error(`internal: role ${role} is not in the closed list`);
  return mapping;
}
