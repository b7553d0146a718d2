declare const __ROSI_VERSION__: string | undefined;

/** Set at build time from package.json; tests run from source and see the dev marker. */
export const VERSION: string = typeof __ROSI_VERSION__ === 'string' ? __ROSI_VERSION__ : '0.0.0-dev';
