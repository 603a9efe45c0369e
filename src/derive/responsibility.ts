import type { Contributor } from '../model/metadata.js';

export interface RoleGroup {
  role: string;
  names: string[];
}

/** Contributors grouped by role, keeping the book.yaml order of first appearance. */
export function groupByRole(contributors: Contributor[]): RoleGroup[] {
  const groups: RoleGroup[] = [];
  for (const c of contributors) {
    const group = groups.find((g) => g.role === c.role);
    if (group) group.names.push(c.name);
    else groups.push({ role: c.role, names: [c.name] });
  }
  return groups;
}

export function primaryGroups(contributors: Contributor[]): RoleGroup[] {
  return groupByRole(contributors.filter((c) => c.primary));
}

/** CIP form: 李玉赋主编; 张三, 李四编著 — names and role run together. */
export function responsibilityStatement(contributors: Contributor[]): string {
  return primaryGroups(contributors)
    .map((g) => `${g.names.join(', ')}${g.role}`)
    .join('; ');
}

/** Title-page form: 李玉赋　主编 — a space between name and role, as printed. */
export function titlePageResponsibility(contributors: Contributor[]): string[] {
  return primaryGroups(contributors).map((g) => `${g.names.join('　')}　${g.role}`);
}
