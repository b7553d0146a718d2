/** One completion value; shells that can show the description do. */
export interface Candidate {
  value: string;
  description?: string;
}
