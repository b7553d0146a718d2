// A page imports its own stylesheet; the build gathers them all into console.css.
declare module '*.css';
