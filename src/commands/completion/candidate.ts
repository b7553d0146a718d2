/** One completion value; shells that can show the description do. */
export interface Candidate {
  value: string;
  description?: string;
}

/** What the line being completed says that a source may need: the --app typed on it. */
export interface SourceOptions {
  app?: string | undefined;
}
