import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];
/** Applies a terminal style, or returns the text as it is when colours are off. */
export type Paint = (style: Style, text: string) => string;

// whether to colour is paintFor's decision, not styleText's look at process.stdout
export const colours: Paint = (style, text) => styleText(style, text, { validateStream: false });
export const noColours: Paint = (_style, text) => text;

/** Colours when writing to a terminal, unless NO_COLOR says otherwise (FORCE_COLOR forces them), as Node does. */
export function paintFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Paint {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return colours;
  if (env.NO_COLOR !== undefined || env.TERM === 'dumb') return noColours;
  return stream.isTTY ? colours : noColours;
}
