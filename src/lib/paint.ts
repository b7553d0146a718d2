/** Styling functions for terminal text; every one is the identity when colour is off. */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  gray(s: string): string;
}

const plain = (s: string) => s;

/** A `Paint` that adds nothing, for colourless output and for matching. */
export const noPaint: Paint = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain, gray: plain };
