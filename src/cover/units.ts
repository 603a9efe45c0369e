/** Millimetres to PDF points. */
export const POINTS_PER_MM = 72 / 25.4;

export function mm(value: number): number {
  return value * POINTS_PER_MM;
}
