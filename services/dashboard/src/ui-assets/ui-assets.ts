import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';

export interface UiAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

// dist/public, from the compiled dist/ui-assets and from src/ui-assets alike (tests run the sources)
export const PUBLIC_DIR = path.join(__dirname, '..', '..', 'dist', 'public');

/** The files esbuild wrote, read once at start: a handful of small files, served by name and never by path. */
@Injectable()
export class UiAssets {
  private readonly files = new Map<string, UiAsset>();
  readonly built: boolean;

  constructor() {
    this.built = existsSync(path.join(PUBLIC_DIR, 'index.html'));
    if (!this.built) return;
    for (const name of readdirSync(PUBLIC_DIR)) {
      const contentType = CONTENT_TYPES[path.extname(name)];
      if (contentType) this.files.set(name, { contentType, body: readFileSync(path.join(PUBLIC_DIR, name)) });
    }
  }

  get(name: string): UiAsset | undefined {
    return this.files.get(name);
  }
}
